package ingest

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// loadRows reads a file inside the caller's transaction: it finds the
// header, recognises the kind, then appends every data row to the kind's
// part for the file's columns and every broken rule to raw.cell_errors.
// It returns the sheet read.
func (l *Loader) loadRows(ctx context.Context, f *os.File, path string, res *Result) (string, error) {
	src, err := readFile(f, path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	layout, err := readHeader(src)
	if err != nil {
		return src.Sheet(), err
	}
	res.Kind = layout.Kind.Name
	res.columns = layout.columnsJSON()
	table := partOf(layout)
	cols, err := table.ensure(ctx, l.Conn)
	if err != nil {
		return src.Sheet(), err
	}
	var ln *lane
	if !l.noLane {
		ln = laneFor(layout, src)
	}
	rows := Rows(src) // a lane reads the lines in place
	if ln == nil {
		p := prefetch(src)
		defer p.Close()
		rows = p
	}
	err = l.Conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		m := newMeter(l.Progress, l.every, rows, res.File)
		return appendAll(conn, table.name(), rows, ln, layout, cols, res, l.Now(), l.Appender, m)
	})
	return src.Sheet(), err
}

// readHeader skips blank rows and recognises the first non-blank one.
func readHeader(src Rows) (*Layout, error) {
	for {
		rec, _, err := src.Next()
		if err == io.EOF {
			return nil, errEmptyFile()
		}
		if err != nil {
			return nil, err
		}
		if !blankRow(rec) {
			return Recognise(append([]string(nil), rec...))
		}
	}
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if trim(c) != "" {
			return false
		}
	}
	return true
}

// fileMeta is what every raw row and cell error of one file repeats.
type fileMeta struct {
	loadID int64
	file   string
	sheet  string // empty for CSV: NULL
}

// errorRow lays out one broken rule as a row of raw.cell_errors.
func (f fileMeta) errorRow(e cellError) []driver.Value {
	return []driver.Value{f.loadID, f.file, nullable(f.sheet), int64(e.row), e.Column, e.Value, e.Reason}
}

// cellError is one broken rule of one row.
type cellError struct {
	row int
	Problem
}

// rawRow is one data row as raw.<kind> keeps it. cells is the validator's
// buffer: a sink copies what it needs before add returns.
type rawRow struct {
	num    int
	ok     bool
	cells  []text // per kind column
	extra  text   // JSON of the cells of columns the kind does not know, when the part keeps _extra
	extras []text // else their cells, per extra column of the part (extraCells)
}

func appendAll(conn driver.Conn, table string, src Rows, ln *lane, layout *Layout, cols []string, res *Result, now time.Time, useAppender bool, m *meter) error {
	meta := fileMeta{loadID: res.LoadID, file: res.File, sheet: src.Sheet()}
	s, err := newRawSink(conn, table, layout, cols, meta, useAppender)
	if err != nil {
		return fmt.Errorf("writer for raw.%s: %w", table, err)
	}
	err = appendRows(s, src, ln, layout, res, now, m)
	if cerr := s.close(); err == nil && cerr != nil {
		err = fmt.Errorf("flush raw.%s: %w", table, cerr)
	}
	return err
}

// rowWriter lays out one raw row in the part's column order.
type rowWriter struct {
	source []int // per part column: srcLoadID, srcRow, srcOK, srcExtra, an extra column or a kind column
	vals   []driver.Value
	loadID int64
	kind   *Kind
}

// Sources of a part column that is not a kind column.
const (
	srcLoadID = -1 - iota
	srcRow
	srcOK
	srcExtra
	srcUnknown // a column this version does not know: NULL
	srcExtraCol
	// srcExtraCol - i: extra column i of the part (of the plan's names)
)

func newRowWriter(l *Layout, cols []string, meta fileMeta) *rowWriter {
	w := &rowWriter{source: make([]int, len(cols)), vals: make([]driver.Value, len(cols)), loadID: meta.loadID, kind: l.Kind}
	for i, name := range cols {
		w.source[i] = sourceOf(l, name)
	}
	return w
}

func sourceOf(l *Layout, name string) int {
	switch name {
	case "_load_id":
		return srcLoadID
	case "_row":
		return srcRow
	case "_ok":
		return srcOK
	case "_extra":
		return srcExtra
	}
	for i, c := range l.Kind.Columns {
		if c.Key == name {
			return i
		}
	}
	if p := l.extraPlan(); !p.json {
		if i := slices.Index(p.names(), name); i >= 0 {
			return srcExtraCol - i
		}
	}
	return srcUnknown
}

func (w *rowWriter) values(r rawRow) []driver.Value {
	for i, s := range w.source {
		switch {
		case s >= 0:
			w.vals[i] = storedValue(w.kind.Columns[s].Type, r.cells[s])
		case s == srcLoadID:
			w.vals[i] = w.loadID
		case s == srcRow:
			w.vals[i] = int64(r.num)
		case s == srcOK:
			w.vals[i] = r.ok
		case s == srcExtra:
			w.vals[i] = r.extra.value()
		case s <= srcExtraCol && (srcExtraCol-s)%2 == 1: // the number column
			w.vals[i] = storedValue(Count, r.extras[srcExtraCol-s])
		case s <= srcExtraCol:
			w.vals[i] = r.extras[srcExtraCol-s].value()
		default:
			w.vals[i] = nil
		}
	}
	return w.vals
}

// value is t as a database value: a string, or nil for NULL.
func (t text) value() driver.Value {
	if !t.set {
		return nil
	}
	return t.s
}

// unclosedQuote recognises a row into which a quote that never closes has
// swallowed the lines after it: a cell holding a line break while the row
// has fewer cells than the header.
func unclosedQuote(rec []string, l *Layout) bool {
	if len(rec) >= len(l.Headers) {
		return false
	}
	for _, c := range rec {
		if strings.Contains(c, "\n") {
			return true
		}
	}
	return false
}

// longCell rejects a row with a cell longer than maxCellBytes: no name,
// address or note needs it, and one giant cell would bloat the warehouse
// and every page that shows it.
func longCell(rec []string, rowNum int) error {
	for i, c := range rec {
		if len(c) > maxCellBytes {
			return reject("第%d行第%d列的单元格有 %d 字节，超出每个单元格 %d 字节的上限（姓名、地址、备注用不了这么长）：文件未装载；请删去多余内容后再放入",
				rowNum, i+1, len(c), maxCellBytes)
		}
	}
	return nil
}
