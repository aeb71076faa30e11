//go:build duckdb_arrow

package ingest

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// arrowView names the view a batch is registered as while it is inserted.
const arrowView = "dropwatch_batch"

// arrowPlan says which columns of the file's part its record batches
// carry: _row, _ok, the kind columns the file has and, when it has columns
// the kind does not know, _extra or one column each. The load id, the
// same in every row, is a parameter of the INSERT.
type arrowPlan struct {
	text   []int    // kind columns of the part (indexes into Kind.Columns)
	extra  bool     // the batch carries _extra
	extras []int    // the extra columns of the file's plan it carries
	names  []string // part columns the batch fills, in batch order
}

func newArrowPlan(l *Layout, cols []string) arrowPlan {
	p := arrowPlan{names: []string{"_row", "_ok"}}
	var extras []string
	for _, name := range cols {
		switch s := sourceOf(l, name); {
		case s >= 0:
			p.text, p.names = append(p.text, s), append(p.names, name)
		case s == srcExtra:
			p.extra = true
		case s <= srcExtraCol:
			p.extras, extras = append(p.extras, srcExtraCol-s), append(extras, ident(name))
		}
	}
	if p.extra {
		p.names = append(p.names, "_extra")
	}
	p.names = append(p.names, extras...)
	return p
}

// schema types the batch: _row BIGINT, _ok BOOLEAN, each kind column as
// the part stores it (storedType), the extra columns as text or numbers.
func (p arrowPlan) schema(k *Kind) *arrow.Schema {
	fields := make([]arrow.Field, len(p.names))
	for i, name := range p.names {
		fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	fields[0].Type = arrow.PrimitiveTypes.Int64
	fields[1].Type = arrow.FixedWidthTypes.Boolean
	for i, c := range p.text {
		fields[2+i].Type = arrowType(k.Columns[c].Type)
	}
	for i, x := range p.extras {
		if x%2 == 1 { // a number column (extraCells)
			fields[len(fields)-len(p.extras)+i].Type = arrow.PrimitiveTypes.Int32
		}
	}
	return arrow.NewSchema(fields, nil)
}

// arrowType is the Arrow type of a column stored as storedType says.
func arrowType(t Type) arrow.DataType {
	switch storedType(t) {
	case "DATE":
		return arrow.FixedWidthTypes.Date32
	case "SMALLINT":
		return arrow.PrimitiveTypes.Int16
	case "UTINYINT":
		return arrow.PrimitiveTypes.Uint8
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case "INTEGER":
		return arrow.PrimitiveTypes.Int32
	}
	return arrow.BinaryTypes.String
}

// insert is the statement that copies one batch into the part.
func (p arrowPlan) insert(table string) string {
	return fmt.Sprintf("INSERT INTO raw.%s (_load_id, %s) SELECT ?::BIGINT, * FROM %s",
		table, strings.Join(p.names, ", "), arrowView)
}

// arrowWriter inserts the batches of one file, in order, on its own
// goroutine, and appends the cell errors that come with each batch.
type arrowWriter struct {
	conn   driver.ExecerContext
	ar     *duckdb.Arrow
	errs   *duckdb.Appender // raw.cell_errors
	meta   fileMeta
	insert string
	args   []driver.NamedValue
	err    error         // the first failure; read after failed or done
	failed chan struct{} // closed at the first failure
	done   chan struct{} // closed when run returns
}

func newArrowWriter(conn driver.Conn, table string, p arrowPlan, meta fileMeta) (*arrowWriter, error) {
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		return nil, fmt.Errorf("driver connection cannot execute")
	}
	ar, err := duckdb.NewArrowFromConn(conn)
	if err != nil {
		return nil, fmt.Errorf("arrow interface: %w", err)
	}
	errs, err := duckdb.NewAppenderFromConn(conn, "raw", "cell_errors")
	if err != nil {
		return nil, fmt.Errorf("appender raw.cell_errors: %w", err)
	}
	args := []driver.NamedValue{{Ordinal: 1, Value: meta.loadID}}
	return &arrowWriter{conn: ex, ar: ar, errs: errs, meta: meta, insert: p.insert(table), args: args,
		failed: make(chan struct{}), done: make(chan struct{})}, nil
}

// run writes every batch it receives until in is closed; after a failure
// it only releases them.
func (w *arrowWriter) run(in <-chan arrowBatchMsg) {
	defer close(w.done)
	for msg := range in {
		if w.err == nil {
			if w.err = w.write(msg); w.err != nil {
				close(w.failed)
			}
		}
		msg.rec.Release()
	}
}

func (w *arrowWriter) write(msg arrowBatchMsg) error {
	if msg.rec.NumRows() > 0 {
		if err := w.insertBatch(msg.rec); err != nil {
			return err
		}
	}
	for _, e := range msg.errs {
		if err := w.errs.AppendRow(w.meta.errorRow(e)...); err != nil {
			return fmt.Errorf("append problem of row %d: %w", e.row, err)
		}
	}
	return nil
}

// insertBatch registers rec as a view and inserts it at once (a registered
// Arrow view can be scanned only once, so it is never queried twice).
func (w *arrowWriter) insertBatch(rec arrow.RecordBatch) error {
	reader, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer reader.Release()
	release, err := w.ar.RegisterView(reader, arrowView)
	if err != nil {
		return fmt.Errorf("register batch: %w", err)
	}
	defer release()
	if _, err := w.conn.ExecContext(context.Background(), w.insert, w.args); err != nil {
		return fmt.Errorf("insert batch: %w", err)
	}
	return nil
}

// close flushes the cell errors; call it once run has returned.
func (w *arrowWriter) close() error {
	return w.errs.Close()
}
