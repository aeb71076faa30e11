package pipeline

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"

	_ "github.com/duckdb/duckdb-go/v2" // registers the duckdb driver
)

// openDB opens a warehouse file with the configured engine settings. A
// read-only handle takes only a shared lock, so any number of readers can
// hold the published file while a run builds its working copy.
func openDB(path string, c DuckDB, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	if readOnly {
		q.Set("access_mode", "READ_ONLY")
	}
	if c.MemoryLimit != "" {
		q.Set("memory_limit", c.MemoryLimit)
	}
	if c.Threads > 0 {
		q.Set("threads", strconv.Itoa(c.Threads))
	}
	if !readOnly {
		tmp := c.TempDir
		if tmp == "" {
			tmp = filepath.Join(filepath.Dir(path), ".tmp")
		}
		q.Set("temp_directory", tmp)
	}
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	return db, nil
}
