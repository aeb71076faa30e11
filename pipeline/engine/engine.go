// Package engine opens DuckDB files the one way dropwatch does: with the
// configuration's memory and thread limits and temporary directory, and
// read-only wherever nothing is written. The run, the analysts' readers
// (sql, export, explain), the provincial roll-up and the daemon's jobs all
// open through Open, so a limit set in the configuration holds for each.
package engine

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"

	_ "github.com/duckdb/duckdb-go/v2" // registers the duckdb driver
)

// Settings tune the database engine for the machine (the configuration's
// [duckdb] table). The zero value is DuckDB's defaults.
type Settings struct {
	MemoryLimit string `toml:"memory_limit" comment:"内存上限，如 4GB；超出时写入临时目录"`
	Threads     int    `toml:"threads" comment:"线程数，0 表示全部 CPU"`
	TempDir     string `toml:"temp_dir" comment:"临时目录，空表示数据仓库旁的 .tmp"`
}

// Mode says whether a handle may write.
type Mode int

// The modes.
const (
	// ReadOnly takes only a shared lock, so any number of readers can
	// hold the published file while a run builds its working copy.
	ReadOnly Mode = iota
	// ReadWrite is for the run's working copy and the roll-up's new file;
	// it spills to the temporary directory (by default .tmp beside the
	// file) when the memory limit is reached.
	ReadWrite
)

// DSN is the data source name Open uses: the path with the settings as
// query parameters.
func DSN(path string, s Settings, m Mode) string {
	q := url.Values{}
	if m == ReadOnly {
		q.Set("access_mode", "READ_ONLY")
	}
	if s.MemoryLimit != "" {
		q.Set("memory_limit", s.MemoryLimit)
	}
	if s.Threads > 0 {
		q.Set("threads", strconv.Itoa(s.Threads))
	}
	if m == ReadWrite {
		tmp := s.TempDir
		if tmp == "" {
			tmp = filepath.Join(filepath.Dir(path), ".tmp")
		}
		q.Set("temp_directory", tmp)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// Open opens the DuckDB file at path with the settings and checks that it
// opens (a damaged or missing file fails here, not at the first query).
func Open(path string, s Settings, m Mode) (*sql.DB, error) {
	db, err := sql.Open("duckdb", DSN(path, s, m))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}
