package ingest

import (
	"database/sql/driver"
	"errors"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// sink receives one file's raw rows and broken rules, in file order, and
// writes them to the file's part of raw.<kind> and raw.cell_errors inside the file's
// transaction. close flushes what is left; it must be called even after
// an error, and the connection is free again only once it returns.
type sink interface {
	add(r rawRow) error
	problem(e cellError) error
	close() error
}

// appenderSink writes through DuckDB's appender: portable, but it crosses
// into C once per value, which dominates the cost of a large file.
type appenderSink struct {
	rows, errs *duckdb.Appender
	w          *rowWriter
	meta       fileMeta
}

func newAppenderSink(conn driver.Conn, table string, l *Layout, cols []string, meta fileMeta) (sink, error) {
	errs, err := duckdb.NewAppenderFromConn(conn, "raw", "cell_errors")
	if err != nil {
		return nil, fmt.Errorf("appender raw.cell_errors: %w", err)
	}
	rows, err := duckdb.NewAppenderFromConn(conn, "raw", table)
	if err != nil {
		errs.Close()
		return nil, err
	}
	return &appenderSink{rows: rows, errs: errs, w: newRowWriter(l, cols, meta), meta: meta}, nil
}

func (s *appenderSink) add(r rawRow) error        { return s.rows.AppendRow(s.w.values(r)...) }
func (s *appenderSink) problem(e cellError) error { return s.errs.AppendRow(s.meta.errorRow(e)...) }
func (s *appenderSink) close() error              { return errors.Join(s.rows.Close(), s.errs.Close()) }
