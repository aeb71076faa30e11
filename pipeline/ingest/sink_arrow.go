//go:build duckdb_arrow

package ingest

import (
	"database/sql/driver"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrowBatch is how many rows an Arrow record batch holds before it is
// handed to DuckDB: one row group of DuckDB's (122,880 rows), which an
// INSERT writes out whole. Smaller batches leave part-filled row groups
// that DuckDB merges and rewrites: with 64k-row batches it spent 1.2 to
// 1.6 times the CPU on the same rows. Three batches at most are in memory
// at once (one being built, one waiting, one being inserted).
const arrowBatch = 122_880

// arrowSink builds Arrow record batches of one file's raw rows on the
// reading goroutine and hands each, with the cell errors of its rows, to
// an arrowWriter, which inserts it on its own goroutine while the next
// batch is being built: decoding and validating run beside DuckDB's
// insert instead of before it. The writer is the only user of the
// connection until close returns.
type arrowSink struct {
	plan    arrowPlan
	builder *array.RecordBuilder
	cells   []func(text) // appends a cell, per plan.text entry
	rowNum  *array.Int64Builder
	ok      *array.BooleanBuilder
	extra   *array.StringBuilder // _extra; nil when the part keeps no _extra
	extras  []func(text)         // appends an extra column's cell, per plan.extras entry
	rows    int
	errs    []cellError // broken rules of the rows in the builder
	sizes   []int       // text bytes per column of the last full batch
	out     chan arrowBatchMsg
	w       *arrowWriter
}

// arrowBatchMsg is one batch on its way to the writer.
type arrowBatchMsg struct {
	rec  arrow.RecordBatch
	errs []cellError
}

// newRawSink returns the fastest sink this build offers.
func newRawSink(conn driver.Conn, table string, l *Layout, cols []string, meta fileMeta, appender bool) (sink, error) {
	if appender {
		return newAppenderSink(conn, table, l, cols, meta)
	}
	plan := newArrowPlan(l, cols)
	w, err := newArrowWriter(conn, table, plan, meta)
	if err != nil {
		return nil, err
	}
	s := &arrowSink{plan: plan, w: w, out: make(chan arrowBatchMsg, 1),
		builder: array.NewRecordBuilder(memory.DefaultAllocator, plan.schema(l.Kind))}
	s.rowNum = s.builder.Field(0).(*array.Int64Builder)
	s.ok = s.builder.Field(1).(*array.BooleanBuilder)
	for i := range plan.text {
		s.cells = append(s.cells, cellAppender(s.builder.Field(2+i)))
	}
	next := 2 + len(plan.text)
	if plan.extra {
		s.extra = s.builder.Field(next).(*array.StringBuilder)
		next++
	}
	for i := range plan.extras {
		s.extras = append(s.extras, cellAppender(s.builder.Field(next+i)))
	}
	go w.run(s.out)
	return s, nil
}

func (s *arrowSink) add(r rawRow) error {
	if s.rows == 0 && s.sizes != nil {
		s.reserve()
	}
	s.rowNum.Append(int64(r.num))
	s.ok.Append(r.ok)
	for i, c := range s.plan.text {
		s.cells[i](r.cells[c])
	}
	if s.extra != nil {
		appendText(s.extra, r.extra)
	}
	for i, x := range s.plan.extras {
		s.extras[i](r.extras[x])
	}
	if s.rows++; s.rows >= arrowBatch {
		return s.flush()
	}
	return nil
}

func appendText(b *array.StringBuilder, t text) {
	if t.set {
		b.Append(t.s)
	} else {
		b.AppendNull()
	}
}

// cellAppender appends cells to b: the text, or for a column stored as a
// value the parsed value (NULL when the cell did not parse).
func cellAppender(b array.Builder) func(text) {
	switch b := b.(type) {
	case *array.Date32Builder:
		return func(t text) { appendValue(b, t, arrow.Date32(t.num)) }
	case *array.Int16Builder:
		return func(t text) { appendValue(b, t, int16(t.num)) }
	case *array.Uint8Builder:
		return func(t text) { appendValue(b, t, uint8(t.num)) }
	case *array.BooleanBuilder:
		return func(t text) { appendValue(b, t, t.num != 0) }
	case *array.Int32Builder:
		return func(t text) { appendValue(b, t, t.num) }
	}
	sb := b.(*array.StringBuilder)
	return func(t text) { appendText(sb, t) }
}

// appendValue appends v, or NULL when the cell did not parse.
func appendValue[T any](b interface {
	Append(T)
	AppendNull()
}, t text, v T) {
	if t.ok {
		b.Append(v)
	} else {
		b.AppendNull()
	}
}

func (s *arrowSink) problem(e cellError) error {
	s.errs = append(s.errs, e)
	return nil
}

// flush hands the rows built so far to the writer; it waits only while
// the writer is still busy with the batch before.
func (s *arrowSink) flush() error {
	if s.rows == 0 && len(s.errs) == 0 {
		return nil
	}
	msg := arrowBatchMsg{rec: s.builder.NewRecordBatch(), errs: s.errs}
	if s.rows == arrowBatch {
		s.measure(msg.rec)
	}
	s.rows, s.errs = 0, nil
	select {
	case <-s.w.failed: // stop reading as soon as the writer has failed
	default:
		select {
		case s.out <- msg:
			return nil
		case <-s.w.failed:
		}
	}
	msg.rec.Release()
	return s.w.err
}

// measure notes the text bytes of a full batch: the next one is sized
// after it.
func (s *arrowSink) measure(rec arrow.RecordBatch) {
	s.sizes = make([]int, rec.NumCols())
	for i, col := range rec.Columns() {
		if a, ok := col.(*array.String); ok {
			s.sizes[i] = len(a.ValueBytes())
		}
	}
}

// reserve sizes the builders for a full batch like the one before, so
// that their buffers are not regrown (and copied) row by row. The first
// batch grows as it goes: most files are far smaller than a batch.
func (s *arrowSink) reserve() {
	for i, f := range s.builder.Fields() {
		f.Reserve(arrowBatch)
		if b, ok := f.(*array.StringBuilder); ok {
			b.ReserveData(s.sizes[i])
		}
	}
}

func (s *arrowSink) close() error {
	err := s.flush()
	close(s.out)
	<-s.w.done
	s.builder.Release()
	if err == nil {
		err = s.w.err
	}
	if cerr := s.w.close(); err == nil {
		err = cerr
	}
	return err
}
