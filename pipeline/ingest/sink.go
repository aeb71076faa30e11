package ingest

import (
	"database/sql/driver"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// sink receives the raw rows of one file, in the table's column order, and
// writes them to raw.<kind> inside the file's transaction.
type sink interface {
	add(vals []driver.Value) error
	close() error
}

// appenderSink writes through DuckDB's appender: portable, but it crosses
// into C once per value, which dominates the cost of a large file.
type appenderSink struct{ a *duckdb.Appender }

func newAppenderSink(conn driver.Conn, table string) (sink, error) {
	a, err := duckdb.NewAppenderFromConn(conn, "raw", table)
	if err != nil {
		return nil, err
	}
	return &appenderSink{a: a}, nil
}

func (s *appenderSink) add(vals []driver.Value) error { return s.a.AppendRow(vals...) }
func (s *appenderSink) close() error                  { return s.a.Close() }
