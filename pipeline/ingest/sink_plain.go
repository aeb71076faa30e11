//go:build !duckdb_arrow

package ingest

import "database/sql/driver"

// newRawSink returns the appender sink: this build has no Arrow interface
// (build with -tags duckdb_arrow for the fast path).
func newRawSink(conn driver.Conn, table string, l *Layout, cols []string, meta fileMeta, appender bool) (sink, error) {
	return newAppenderSink(conn, table, l, cols, meta)
}
