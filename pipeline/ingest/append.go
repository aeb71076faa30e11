package ingest

import (
	"fmt"
	"io"
	"time"
)

// appendRows appends every data row of src: first the plain lines through
// ln when there is one (laneFor), then the rest row by row.
func appendRows(s sink, src Rows, ln *lane, layout *Layout, res *Result, now time.Time, m *meter) error {
	a := newRowAppender(s, layout, res, now, m)
	if ln != nil {
		if err := a.laneLines(ln); err != nil {
			return err
		}
	}
	for {
		rec, rowNum, err := src.Next()
		if err == io.EOF {
			m.tick(res.Rows, true)
			return nil
		}
		if err != nil {
			return err
		}
		if err := a.row(rec, rowNum); err != nil {
			return err
		}
	}
}

// rowAppender checks the data rows of one file and appends them, and
// their broken rules, to a sink.
type rowAppender struct {
	s      sink
	layout *Layout
	res    *Result
	m      *meter
	v      *validator
	plan   *extraPlan
	extras []text
}

func newRowAppender(s sink, layout *Layout, res *Result, now time.Time, m *meter) *rowAppender {
	plan := layout.extraPlan()
	return &rowAppender{s: s, layout: layout, res: res, m: m, v: newValidator(layout, now),
		plan: plan, extras: make([]text, 2*len(plan.cols))}
}

// row checks one data row, rowNum its row in the file, and appends it
// with its broken rules; a blank row is skipped.
func (a *rowAppender) row(rec []string, rowNum int) error {
	if blankRow(rec) {
		return nil
	}
	if err := longCell(rec, rowNum); err != nil {
		return err
	}
	if unclosedQuote(rec, a.layout) {
		return reject("第%d行有未配对的引号，其后的内容被读进了一个单元格：请改正该行的引号后重新导出", rowNum)
	}
	a.res.Rows++
	if notVisited(a.layout, rec) {
		a.res.Skipped++
		a.m.tick(a.res.Rows, false)
		return nil
	}
	probs := a.v.row(rec)
	a.m.tick(a.res.Rows, false)
	if len(probs) > 0 {
		a.res.Quarantined++
	}
	if err := a.add(rec, rowNum, len(probs) == 0); err != nil {
		return err
	}
	for _, p := range probs {
		if err := a.s.problem(cellError{row: rowNum, Problem: p}); err != nil {
			return fmt.Errorf("append problem of row %d: %w", rowNum, err)
		}
	}
	return nil
}

// add appends the row the validator has just checked.
func (a *rowAppender) add(rec []string, rowNum int, ok bool) error {
	row := rawRow{num: rowNum, ok: ok, cells: a.v.out, extras: a.extras}
	if a.plan.json {
		row.extra = extraJSON(a.layout, rec)
	} else {
		a.plan.extraCells(rec, a.extras)
	}
	if err := a.s.add(row); err != nil {
		return fmt.Errorf("append row %d: %w", rowNum, err)
	}
	return nil
}
