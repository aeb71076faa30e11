package query

import (
	"fmt"
	"io"
	"strings"
)

// TableSink prints a result as an aligned text table. Widths count 汉字 as
// two cells, so Chinese and Latin columns line up in a terminal. It keeps
// at most MaxRows rows (0: all) and says how many it left out. Borders are
// plain ASCII: box-drawing characters are drawn two cells wide by many
// Chinese terminals and would break the alignment.
type TableSink struct {
	W       io.Writer
	MaxRows int

	cols    []Column
	rows    [][]string
	total   int
	nullTxt string
}

// Columns implements Sink.
func (t *TableSink) Columns(cols []Column) error {
	t.cols, t.rows, t.total, t.nullTxt = cols, nil, 0, "NULL"
	return nil
}

// Row implements Sink.
func (t *TableSink) Row(vals []any) error {
	t.total++
	if t.MaxRows > 0 && len(t.rows) >= t.MaxRows {
		return nil
	}
	rec := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			rec[i] = t.nullTxt
			continue
		}
		rec[i] = oneLine(Text(v))
	}
	t.rows = append(t.rows, rec)
	return nil
}

// oneLine keeps a cell on one line of the table.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵", "\t", " ").Replace(s)
}

// Done implements Sink: it prints the table.
func (t *TableSink) Done() error {
	if len(t.cols) == 0 {
		return nil
	}
	widths := make([]int, len(t.cols))
	for i, c := range t.cols {
		widths[i] = DisplayWidth(c.Name)
	}
	for _, r := range t.rows {
		for i, s := range r {
			widths[i] = max(widths[i], DisplayWidth(s))
		}
	}
	var b strings.Builder
	rule := t.rule(widths)
	b.WriteString(rule)
	t.line(&b, widths, func(i int) string { return t.cols[i].Name }, false)
	b.WriteString(rule)
	for _, r := range t.rows {
		t.line(&b, widths, func(i int) string { return r[i] }, true)
	}
	b.WriteString(rule)
	fmt.Fprintf(&b, "%s\n", t.footer())
	_, err := io.WriteString(t.W, b.String())
	return err
}

func (t *TableSink) rule(widths []int) string {
	var b strings.Builder
	for _, w := range widths {
		b.WriteString("+" + strings.Repeat("-", w+2))
	}
	return b.String() + "+\n"
}

func (t *TableSink) line(b *strings.Builder, widths []int, cell func(int) string, body bool) {
	for i, w := range widths {
		right := body && numeric(t.cols[i].Type)
		b.WriteString("| " + pad(cell(i), w, right) + " ")
	}
	b.WriteString("|\n")
}

func (t *TableSink) footer() string {
	if len(t.rows) < t.total {
		return fmt.Sprintf("共 %d 行，显示前 %d 行（.maxrows 0 显示全部，或用 --csv 导出）/ %d rows, first %d shown",
			t.total, len(t.rows), t.total, len(t.rows))
	}
	return fmt.Sprintf("%d 行 / rows", t.total)
}
