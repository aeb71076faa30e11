package ingest

import (
	"io"
	"strings"
	"unsafe"

	"dropwatch/pipeline/cells"
)

// laneKinds are the kinds whose plain CSV lines are read by the lane: 月考勤
// has a row per pupil and month, ten times the rows of a roster, and its
// school year, school and pupil repeat from one row to the next. Its only
// rules across cells are attendanceChecks, which lane.row applies; a kind
// added here must have no others (validator.crossChecks).
var laneKinds = map[string]bool{"attendance": true}

// laneTypes are the column types the lane checks, each rule depending on
// the cell alone; true marks the types whose cells repeat row after row
// (a school year, a school, a pupil), which it remembers.
var laneTypes = map[Type]bool{SchoolYear: true, Code10: true, Code12: true, IDNumber: true,
	Term: true, Enum: true, Month: false, Days: false, Text: false, Count: false}

// lane checks the commonest rows of a file without the validator's
// general path: a row whose every cell keeps its rule, read in place from
// the reader's buffer (no copy of the line, no goroutine hand-over), with
// the cells that repeat the row before taken from that row. Every other
// row (a broken rule, a blank, a quote, a long cell) goes through
// rowAppender.row as in any other file, so the lane only changes how fast
// a good row is read, never what is stored or reported
// (TestLaneAgreesWithValidator).
type lane struct {
	c     *csvRows
	cols  []laneColumn
	width int // cells in the header
	id    int // kind column of the identity number, or -1
}

// laneColumn is one kind column: its file column and, for the types that
// repeat, the last cell read in it, a copy, with what it parsed to.
type laneColumn struct {
	at     int // file column, or -1 when the file lacks the column
	col    *Column
	repeat bool
	seen   bool
	raw    string
	out    text
}

// laneFor returns the lane for the rows of src after its header, or nil
// when src is not a CSV of a lane kind with every column of a lane type
// and its extra columns kept one column each.
func laneFor(l *Layout, src Rows) *lane {
	c := plainCSV(src)
	if c == nil || c.r != nil || !laneKinds[l.Kind.Name] || l.extraPlan().json {
		return nil
	}
	if l.Kind.Column("id_type") != nil || l.Kind.Column("birth_date") != nil {
		return nil // the identity number's rules would depend on other cells
	}
	ln := &lane{c: c, width: len(l.Headers), id: -1}
	for i := range l.Kind.Columns {
		col := &l.Kind.Columns[i]
		repeat, ok := laneTypes[col.Type]
		if !ok {
			return nil
		}
		if col.Type == IDNumber {
			ln.id = i
		}
		ln.cols = append(ln.cols, laneColumn{at: l.Index[i], col: col, repeat: repeat})
	}
	return ln
}

// plainCSV is the CSV reader under src, or nil.
func plainCSV(src Rows) *csvRows {
	if o, ok := src.(*ownedRows); ok {
		src = o.Rows
	}
	c, _ := src.(*csvRows)
	return c
}

// laneLines reads the lines of the lane's file while they are plain (no
// quote) and appends each row: through the lane when it can, else through
// a.row. It returns at the end of the file, or at the first line with a
// quote, which it leaves unread for the reader's Next.
func (a *rowAppender) laneLines(ln *lane) error {
	c := ln.c
	sp := &c.fast
	for {
		line, body, err := sp.peekPlain()
		if err == io.EOF || err == errNeedCSV {
			return nil
		} else if err != nil {
			return c.readErr(err)
		}
		if len(body) > 0 {
			if err := a.laneRow(ln, body, c.advance(sp.lines+1, 0), sp); err != nil {
				return err
			}
		}
		sp.consume(line)
	}
}

// laneRow appends the row on one line: its cells are read in place, valid
// only until the line is discarded, so a row the lane cannot check is
// split again from a copy for a.row.
func (a *rowAppender) laneRow(ln *lane, body []byte, rowNum int, sp *lineSplitter) error {
	rec := sp.split(unsafe.String(unsafe.SliceData(body), len(body)))
	if len(body) > maxCellBytes || !ln.row(a.v, rec) {
		return a.row(sp.split(string(body)), rowNum)
	}
	a.res.Rows++
	a.m.tick(a.res.Rows, false)
	return a.add(rec, rowNum, true)
}

// row fills v.out with what v.row would for a row that keeps every rule,
// and reports false, leaving the row to v.row, when a cell is blank where
// it is required, breaks its rule, or the row breaks a rule across cells.
func (ln *lane) row(v *validator, rec []string) bool {
	if len(rec) != ln.width {
		return false
	}
	for i := range ln.cols {
		c := &ln.cols[i]
		raw := ""
		if c.at >= 0 {
			raw = rec[c.at]
		}
		if c.seen && raw == c.raw {
			v.out[i] = c.out
			continue
		}
		if cells.Blank(raw) {
			if c.col.Required {
				return false
			}
			v.out[i] = text{}
			continue
		}
		if c.repeat {
			raw = strings.Clone(raw) // kept beyond the line
		}
		out, ok := ln.parse(v, i, raw)
		if !ok {
			return false
		}
		v.out[i] = out
		if c.repeat {
			c.seen, c.raw, c.out = true, raw, out
		}
	}
	return len(v.attendanceChecks(rec)) == 0
}

// parse parses one cell as v.row and v.crossChecks do.
func (ln *lane) parse(v *validator, i int, raw string) (text, bool) {
	if i == ln.id {
		s := trim(raw) // not empty, unless it is only a space cells.Blank keeps
		if s == "" || s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z' {
			return text{}, false // another document's number: v.row's
		}
		// the lane remembers the last number itself; a new pupil's number
		// is parsed at once, as a map of the numbers seen costs more
		id, err := cells.ParseIDNumber(raw, v.today)
		return text{s: id.Number, set: true, ok: true}, err == nil
	}
	c := ln.cols[i].col
	switch c.Type {
	case Text:
		return text{s: trim(raw), set: true, num: v.num, ok: true}, true
	case Days, Month:
		if n, ok := smallCount(raw); ok && (c.Type == Days || n >= 1 && n <= 12) {
			return text{s: smallIntText(int(n)), set: true, num: n, ok: true}, true
		}
	}
	val, err := v.parse(c, raw)
	return text{s: val, set: true, num: v.num, ok: true}, err == nil
}

// smallCount reads a count of days as most files write it, one digit or
// two without a leading zero, up to 31; for any other cell it reports
// false and the validator's parser reads it.
func smallCount(s string) (int32, bool) {
	switch {
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9':
		return int32(s[0] - '0'), true
	case len(s) == 2 && s[0] >= '1' && s[0] <= '3' && s[1] >= '0' && s[1] <= '9':
		n := int32(s[0]-'0')*10 + int32(s[1]-'0')
		return n, n <= 31
	}
	return 0, false
}
