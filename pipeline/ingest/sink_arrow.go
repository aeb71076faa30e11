//go:build duckdb_arrow

package ingest

import (
	"database/sql/driver"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
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
	plan   arrowPlan
	schema *arrow.Schema
	cols   []*batchCol // per field of the schema: _row, _ok, plan.text, _extra, plan.extras
	rows   int
	errs   []cellError // broken rules of the rows in the batch
	out    chan arrowBatchMsg
	w      *arrowWriter
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
	s := &arrowSink{plan: plan, schema: plan.schema(l.Kind), w: w, out: make(chan arrowBatchMsg, 1)}
	for _, f := range s.schema.Fields() {
		s.cols = append(s.cols, newBatchCol(f.Type))
	}
	go w.run(s.out)
	return s, nil
}

func (s *arrowSink) add(r rawRow) error {
	s.cols[0].number(int64(r.num), true)
	s.cols[1].boolean(r.ok, true)
	next := 2
	for _, c := range s.plan.text {
		s.cols[next].cell(r.cells[c])
		next++
	}
	if s.plan.extra {
		s.cols[next].cell(r.extra)
		next++
	}
	for _, x := range s.plan.extras {
		s.cols[next].cell(r.extras[x])
		next++
	}
	if s.rows++; s.rows >= arrowBatch {
		return s.flush()
	}
	return nil
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
	msg := arrowBatchMsg{rec: s.batch(), errs: s.errs}
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

// batch makes the record batch of the rows appended since the last.
func (s *arrowSink) batch() arrow.RecordBatch {
	arrs := make([]arrow.Array, len(s.cols))
	for i, c := range s.cols {
		arrs[i] = c.array()
	}
	rec := array.NewRecordBatch(s.schema, arrs, int64(s.rows))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

func (s *arrowSink) close() error {
	err := s.flush()
	close(s.out)
	<-s.w.done
	if err == nil {
		err = s.w.err
	}
	if cerr := s.w.close(); err == nil {
		err = cerr
	}
	return err
}
