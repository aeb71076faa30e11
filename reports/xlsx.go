package reports

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheet is one worksheet of a workbook: a title row, a header row and data
// rows. Cells are int64 (numbers), float64 rates (shown as 12.3%), string
// (always stored as text, so identity numbers keep every digit), or nil
// (empty). Text columns also get the text number format, so a clerk who
// edits an identity number does not turn it into a number.
type sheet struct {
	name   string
	title  string
	header []string
	widths []float64
	// text marks the columns (0-based) formatted as text.
	text map[int]bool
	// rate marks the columns holding percentages.
	rate map[int]bool
	// status colours a column's cells by the status (达标, 未达标, 一票否决)
	// held in another column of the same row (column → status column).
	status map[int]int
	rows   [][]any
	// blank adds that many empty, bordered rows (a form to fill).
	blank int
}

// workbookStyles are the cell styles shared by a workbook's sheets.
type workbookStyles struct {
	title, header, cell, text, rate int
	// marked holds, per status CSS class (veto, fail, ok), the cell style
	// [0] and the rate style [1] in that status's colours.
	marked map[string][2]int
}

// statusFills are the workbook colours of the statuses, as in style.css.
var statusFills = map[string][2]string{"veto": {"FDE2E1", "8F1D16"}, "fail": {"FFF1D6", "7A4A00"},
	"ok": {"E3F4E8", "1E5E32"}}

func newStyles(f *excelize.File) (workbookStyles, error) {
	var s workbookStyles
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	pctFmt := `0.0"%"`
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF5"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&s.cell, excelize.Style{Border: border}},
		{&s.text, excelize.Style{Border: border, NumFmt: 49}},
		{&s.rate, excelize.Style{Border: border, CustomNumFmt: &pctFmt}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, fmt.Errorf("xlsx style: %w", err)
		}
		*d.id = id
	}
	s.marked = map[string][2]int{}
	for class, c := range statusFills {
		var ids [2]int
		for i, numFmt := range []*string{nil, &pctFmt} {
			id, err := f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: numFmt,
				Font: &excelize.Font{Bold: class == "veto", Color: c[1]},
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}})
			if err != nil {
				return s, fmt.Errorf("xlsx style: %w", err)
			}
			ids[i] = id
		}
		s.marked[class] = ids
	}
	return s, nil
}

// newWorkbook writes the sheets into a workbook with deterministic
// metadata (title and times from the options) and returns its bytes.
func newWorkbook(title string, opt Options, sheets []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	stamp := opt.Generated.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "dropwatch", LastModifiedBy: "dropwatch",
		Created: stamp, Modified: stamp, Description: opt.TownName + " " + opt.RunID, Language: "zh-CN"}); err != nil {
		return nil, fmt.Errorf("xlsx properties: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	for i, sh := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.name)
		} else {
			_, err = f.NewSheet(sh.name)
		}
		if err != nil {
			return nil, fmt.Errorf("xlsx sheet %s: %w", sh.name, err)
		}
		if err := writeSheet(f, st, sh); err != nil {
			return nil, fmt.Errorf("xlsx sheet %s: %w", sh.name, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx write: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, st workbookStyles, sh sheet) error {
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	for i, w := range sh.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: sh.title}}); err != nil {
		return err
	}
	head := make([]any, len(sh.header))
	for i, h := range sh.header {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	rows := sh.rows
	for i := 0; i < sh.blank; i++ {
		rows = append(rows, make([]any, len(sh.header)))
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for c, v := range row {
			cell := sheetCell(st, sh, c, v)
			if class := rowStatusClass(sh, row, c); class != "" {
				cell.StyleID = st.marked[class][boolIndex(sh.rate[c])]
			}
			cells[c] = cell
		}
		cell, err := excelize.CoordinatesToCellName(1, r+3)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetCell styles one value; optional numbers and rates are unwrapped.
func sheetCell(st workbookStyles, sh sheet, col int, v any) excelize.Cell {
	style := st.cell
	switch {
	case sh.text[col]:
		style = st.text
	case sh.rate[col]:
		style = st.rate
	}
	switch x := v.(type) {
	case *int64:
		if x == nil {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: style, Value: *x}
	case *float64:
		if x == nil {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: style, Value: round1(*x)}
	case float64:
		return excelize.Cell{StyleID: style, Value: round1(x)}
	case int:
		return excelize.Cell{StyleID: style, Value: int64(x)}
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// cols makes a column set from indexes.
func cols(idx ...int) map[int]bool {
	m := map[int]bool{}
	for _, i := range idx {
		m[i] = true
	}
	return m
}

// rowStatusClass is the status colour (veto, fail, ok) of a cell whose
// column is marked by a status in the row, else "".
func rowStatusClass(sh sheet, row []any, col int) string {
	sc, ok := sh.status[col]
	if !ok || sc >= len(row) {
		return ""
	}
	status, _ := row[sc].(string)
	if class := Status(status).class(); class != "nodata" {
		return class
	}
	return ""
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}
