// Package query is the analysts' read-only door into the published
// warehouse: it opens the file read-only for one statement at a time (so a
// session never holds the file across a publish), formats results as
// aligned tables, CSV or JSON, lists relations with their Chinese comments,
// and traces a published figure to the children behind it.
package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	_ "github.com/duckdb/duckdb-go/v2" // registers the duckdb driver

	"dropwatch/pipeline/engine"
)

// Open opens the published warehouse read-only with the configured engine
// settings. The caller closes it as soon as its statement is done: a run
// publishes by renaming a new file over the old one, and only a fresh open
// sees the new file.
func Open(path string, s engine.Settings) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("数据仓库 %s 不存在：先运行 dropwatch run 发布一次，或用 --warehouse 指定文件 / no published warehouse at %s: run dropwatch run first", path, path)
		}
		return nil, fmt.Errorf("open warehouse: %w", err)
	}
	db, err := engine.Open(path, s, engine.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("打开数据仓库 %s 失败（文件可能已损坏，可用 dropwatch restore 从备份恢复）/ open warehouse: %w", path, err)
	}
	return db, nil
}

// Sink receives one statement's result: the columns first, then each row.
// Row values are what database/sql scans into any.
type Sink interface {
	Columns(cols []Column) error
	Row(vals []any) error
	Done() error
}

// Column is one result column.
type Column struct {
	Name string
	Type string // the DuckDB type name, e.g. VARCHAR, INTEGER, DATE
}

// Run opens the warehouse at path, runs one statement, streams its result
// into sink and closes the file again.
func Run(ctx context.Context, path string, s engine.Settings, stmt string, sink Sink) error {
	db, err := Open(path, s)
	if err != nil {
		return err
	}
	defer db.Close()
	return Stream(ctx, db, stmt, sink)
}

// Stream runs one statement on an open handle and streams its result.
func Stream(ctx context.Context, db *sql.DB, stmt string, sink Sink, args ...any) error {
	rows, err := db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return fmt.Errorf("查询失败 / query failed: %w", err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return fmt.Errorf("read columns: %w", err)
	}
	cols := make([]Column, len(types))
	for i, t := range types {
		cols[i] = Column{Name: t.Name(), Type: t.DatabaseTypeName()}
	}
	if err := sink.Columns(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read row: %w", err)
		}
		if err := sink.Row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("查询失败 / query failed: %w", err)
	}
	return sink.Done()
}

// Result is a whole result held in memory, for small queries.
type Result struct {
	Cols []Column
	Rows [][]any
}

// Columns implements Sink.
func (r *Result) Columns(cols []Column) error { r.Cols = cols; return nil }

// Row implements Sink; it copies the values.
func (r *Result) Row(vals []any) error {
	r.Rows = append(r.Rows, append([]any(nil), vals...))
	return nil
}

// Done implements Sink.
func (r *Result) Done() error { return nil }

// All runs a statement on an open handle and returns the whole result.
func All(ctx context.Context, db *sql.DB, stmt string, args ...any) (*Result, error) {
	r := &Result{}
	if err := Stream(ctx, db, stmt, r, args...); err != nil {
		return nil, err
	}
	return r, nil
}
