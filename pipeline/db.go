package pipeline

import (
	"database/sql"
	"fmt"

	"dropwatch/pipeline/engine"
)

// openDB opens a warehouse file with the configured engine settings,
// read-only unless the run writes it.
func openDB(path string, c DuckDB, readOnly bool) (*sql.DB, error) {
	mode := engine.ReadWrite
	if readOnly {
		mode = engine.ReadOnly
	}
	db, err := engine.Open(path, c, mode)
	if err != nil {
		return nil, fmt.Errorf("open warehouse: %w", err)
	}
	return db, nil
}
