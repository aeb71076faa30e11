//go:build duckdb_arrow

package ingest

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// arrowBatch is how many rows an Arrow record batch holds before it is
// handed to DuckDB.
const arrowBatch = 64 * 1024

// arrowSink builds Arrow record batches in Go memory and hands each to
// DuckDB in one call: the batch is registered as a view and inserted at
// once (a registered Arrow view can be scanned only once, so it is never
// queried twice), inside the caller's transaction.
type arrowSink struct {
	conn    driver.Conn
	ar      *duckdb.Arrow
	table   string
	schema  *arrow.Schema
	builder *array.RecordBuilder
	rows    int
}

// newRawSink returns the fastest sink this build offers.
func newRawSink(conn driver.Conn, table string, cols []string, appender bool) (sink, error) {
	if appender {
		return newAppenderSink(conn, table)
	}
	ar, err := duckdb.NewArrowFromConn(conn)
	if err != nil {
		return nil, fmt.Errorf("arrow interface: %w", err)
	}
	schema := rawSchema(cols)
	return &arrowSink{conn: conn, ar: ar, table: table, schema: schema,
		builder: array.NewRecordBuilder(memory.DefaultAllocator, schema)}, nil
}

// rawSchema types the meta columns; every contract column is text.
func rawSchema(cols []string) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		t := arrow.DataType(arrow.BinaryTypes.String)
		switch c {
		case "_load_id", "_row":
			t = arrow.PrimitiveTypes.Int64
		case "_ok":
			t = arrow.FixedWidthTypes.Boolean
		}
		fields[i] = arrow.Field{Name: c, Type: t, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

func (s *arrowSink) add(vals []driver.Value) error {
	for i, v := range vals {
		appendValue(s.builder.Field(i), v)
	}
	s.rows++
	if s.rows >= arrowBatch {
		return s.flush()
	}
	return nil
}

func appendValue(b array.Builder, v driver.Value) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		b.Append(v.(string))
	case *array.Int64Builder:
		b.Append(v.(int64))
	case *array.BooleanBuilder:
		b.Append(v.(bool))
	}
}

func (s *arrowSink) flush() error {
	if s.rows == 0 {
		return nil
	}
	rec := s.builder.NewRecordBatch()
	defer rec.Release()
	s.rows = 0
	reader, err := array.NewRecordReader(s.schema, []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer reader.Release()
	release, err := s.ar.RegisterView(reader, "dropwatch_batch")
	if err != nil {
		return fmt.Errorf("register batch: %w", err)
	}
	defer release()
	ex, ok := s.conn.(driver.ExecerContext)
	if !ok {
		return fmt.Errorf("driver connection cannot execute")
	}
	_, err = ex.ExecContext(context.Background(), "INSERT INTO raw."+s.table+" SELECT * FROM dropwatch_batch", nil)
	return err
}

func (s *arrowSink) close() error {
	err := s.flush()
	s.builder.Release()
	return err
}
