package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The raw layer is everything ingest writes; every other relation of the
// warehouse is rebuilt from it by the SQL models.
//
//	raw.load_log     one row per file seen (loaded, skipped or rejected)
//	raw.cell_errors  one row per broken rule of a loaded row
//	raw.<kind>       every data row of every loaded file, valid or not:
//	                 _load_id, _file, _sheet, _row, _ok, one VARCHAR per
//	                 column of the kind (canonical text where the cell
//	                 parsed, as written where it did not), _extra (JSON of
//	                 the columns the kind does not know)
const rawLogDDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.load_log (
	load_id BIGINT PRIMARY KEY,
	run_id VARCHAR,
	file_name VARCHAR,
	path VARCHAR,
	sha256 VARCHAR,
	kind VARCHAR,
	sheet VARCHAR,
	rows_total BIGINT,
	rows_quarantined BIGINT,
	outcome VARCHAR,
	message VARCHAR,
	loaded_at TIMESTAMP,
	columns VARCHAR -- JSON: column key -> header as written in the file
);
CREATE TABLE IF NOT EXISTS raw.cell_errors (
	load_id BIGINT,
	file_name VARCHAR,
	sheet VARCHAR,
	row_number BIGINT,
	column_name VARCHAR,
	value VARCHAR,
	reason VARCHAR
);`

// metaColumns lead every raw.<kind> table.
var metaColumns = []string{"_load_id BIGINT", "_file VARCHAR", "_sheet VARCHAR", "_row BIGINT", "_ok BOOLEAN"}

// EnsureRaw creates the raw schema and tables, and adds any column a newer
// kind descriptor declares to an older warehouse, so a warehouse built by
// an earlier version keeps loading.
func EnsureRaw(ctx context.Context, db execer) error {
	if _, err := db.ExecContext(ctx, rawLogDDL); err != nil {
		return fmt.Errorf("create raw log: %w", err)
	}
	for _, k := range Kinds {
		if _, err := db.ExecContext(ctx, kindDDL(k)); err != nil {
			return fmt.Errorf("create raw.%s: %w", k.Name, err)
		}
		for _, c := range k.Columns {
			q := fmt.Sprintf("ALTER TABLE raw.%s ADD COLUMN IF NOT EXISTS %s VARCHAR", k.Name, c.Key)
			if _, err := db.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("migrate raw.%s: %w", k.Name, err)
			}
		}
	}
	return nil
}

func kindDDL(k *Kind) string {
	cols := append([]string{}, metaColumns...)
	for _, c := range k.Columns {
		cols = append(cols, c.Key+" VARCHAR")
	}
	cols = append(cols, "_extra VARCHAR")
	return fmt.Sprintf("CREATE TABLE IF NOT EXISTS raw.%s (\n\t%s\n)", k.Name, strings.Join(cols, ",\n\t"))
}

// tableColumns returns the column names of a raw table in table order, so
// rows are appended correctly even after a migration added columns.
func tableColumns(ctx context.Context, db queryer, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT column_name FROM duckdb_columns()
		WHERE schema_name = 'raw' AND table_name = ? ORDER BY column_index`, table)
	if err != nil {
		return nil, fmt.Errorf("columns of raw.%s: %w", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
