package ingest

import (
	"context"
	"database/sql"
	"fmt"
)

// The raw layer is everything ingest writes; every other relation of the
// warehouse is rebuilt from it by the SQL models.
//
//	raw.load_log         one row per file seen (loaded, skipped or rejected)
//	raw.cell_errors      one row per broken rule of a loaded row
//	raw.<kind>__<hash>   a part: the data rows, valid or not, of every loaded
//	                     file of the kind with the same columns: _load_id,
//	                     _row, _ok, one VARCHAR per column the files have
//	                     (canonical text where the cell parsed, as written
//	                     where it did not), and the columns the kind does
//	                     not know: one VARCHAR each, _x_<header>, or (older
//	                     parts, and files whose headers cannot name
//	                     columns) _extra, their JSON object
//	raw.<kind>           a view over the kind's parts with every column of
//	                     the kind (NULL where a file lacks it), _extra (the
//	                     JSON object of header to cell of the columns the
//	                     kind does not know), _file and _sheet from
//	                     raw.load_log
//
// A file writes only the columns it has: a roster with 9 of the kind's 24
// columns does not store 15 columns of NULLs in every row, which cost
// DuckDB as much again as the 9 columns themselves (docs/benchmarks.md).
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
-- rows read but neither loaded nor quarantined (unvisited 核查反馈 rows);
-- added after the first release, so older warehouses gain it here
ALTER TABLE raw.load_log ADD COLUMN IF NOT EXISTS rows_skipped BIGINT DEFAULT 0;
CREATE TABLE IF NOT EXISTS raw.cell_errors (
	load_id BIGINT,
	file_name VARCHAR,
	sheet VARCHAR,
	row_number BIGINT,
	column_name VARCHAR,
	value VARCHAR,
	reason VARCHAR
);`

// EnsureRaw creates the raw schema, the log tables and the view of every
// kind over its parts. A warehouse built before parts existed keeps its
// rows: its raw.<kind> table becomes the part raw.<kind>__legacy. Views are
// rebuilt at every start, so columns a newer version adds to a kind appear
// (NULL in older parts).
func EnsureRaw(ctx context.Context, db dbtx) error {
	if _, err := db.ExecContext(ctx, rawLogDDL); err != nil {
		return fmt.Errorf("create raw log: %w", err)
	}
	for _, k := range Kinds {
		if err := adoptLegacy(ctx, db, k); err != nil {
			return err
		}
		if err := refreshView(ctx, db, k); err != nil {
			return err
		}
	}
	return nil
}

// adoptLegacy renames a raw.<kind> table of an older version to a part.
func adoptLegacy(ctx context.Context, db dbtx, k *Kind) error {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE schema_name = 'raw' AND table_name = ?`, k.Name).Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	q := fmt.Sprintf("ALTER TABLE raw.%s RENAME TO %s", k.Name, k.Name+legacySuffix)
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("adopt raw.%s as a part: %w", k.Name, err)
	}
	return nil
}

// tableColumns returns the column names of a raw table in table order.
func tableColumns(ctx context.Context, db dbtx, table string) ([]string, error) {
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

// dbtx is a connection or a pool: what the raw layer needs of either.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
