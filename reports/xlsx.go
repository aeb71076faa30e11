package reports

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

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

// rateCell is a percentage in a column that is not a rate column (the
// bulletin's summary mixes counts and rates): shown and stored as a rate.
type rateCell struct{ v *float64 }

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
	// Rates are stored as fractions (99.2% is 0.992) with a percent
	// format, so a spreadsheet sums and compares them as numbers.
	pctFmt := `0.0%`
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
	// In a fixed order: the style ids, and so the bytes of the workbook,
	// must not depend on the map's iteration order.
	for _, class := range slices.Sorted(maps.Keys(statusFills)) {
		c := statusFills[class]
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
	f, err := startWorkbook(title, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
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
		// Before the stream writer, which writes the sheet's properties
		// when it starts and its page setup as it stood then.
		if err := printSetup(f, sh, opt); err != nil {
			return nil, fmt.Errorf("xlsx sheet %s print setup: %w", sh.name, err)
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
	case rateCell:
		if x.v == nil {
			return excelize.Cell{StyleID: st.rate}
		}
		return excelize.Cell{StyleID: st.rate, Value: asFraction(*x.v)}
	case *float64:
		if x == nil {
			return excelize.Cell{StyleID: style}
		}
		return sheetCell(st, sh, col, *x)
	case float64:
		if sh.rate[col] {
			return excelize.Cell{StyleID: style, Value: asFraction(x)}
		}
		return excelize.Cell{StyleID: style, Value: round1(x)}
	case int:
		return excelize.Cell{StyleID: style, Value: int64(x)}
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// asFraction stores a percentage as the fraction a percent format shows,
// rounded as the pages print it: 99.17 → 0.992 (99.2%).
func asFraction(pct float64) float64 { return math.Round(pct*10) / 1000 }

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

// printSetup makes a sheet print as the office sends it: A4, landscape
// when its columns are wider than a portrait page, fitted to one page wide
// (as many pages tall as needed), the title and header rows repeated on
// every page, the issuing unit and title in the page header and the date
// of issue and page number in the footer.
func printSetup(f *excelize.File, sh sheet, opt Options) error {
	a4, one, zero, orient := 9, 1, 0, "portrait"
	width := 0.0
	for _, w := range sh.widths {
		width += w
	}
	if width > 95 {
		orient = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(sh.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	side, edge := 0.5, 0.6
	if err := f.SetPageMargins(sh.name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &edge, Bottom: &edge}); err != nil {
		return err
	}
	amp := strings.NewReplacer("&", "&&")
	if err := f.SetHeaderFooter(sh.name, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + amp.Replace(opt.Issuer) + "&R" + amp.Replace(sh.title),
		OddFooter: "&L印发日期：" + issueDate(opt.Generated) + "&R第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: "'" + sh.name + "'!$1:$2", Scope: sh.name})
}
