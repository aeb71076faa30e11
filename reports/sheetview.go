package reports

import "fmt"

// sheetView is a workbook sheet as a page shows it: the same rows, each
// cell printed the way the workbook displays it (rates as 12.3%, missing
// figures as —), so a page and its workbook hold the same table.
type sheetView struct {
	Title  string
	Header []string
	Rows   [][]cellView
}

// cellView is one printed cell; Class "l" left-aligns text past the
// first two columns (which the table's CSS already keeps left).
type cellView struct {
	Text  string
	Num   bool
	Class string
}

// viewSheets prints sheets for a page.
func viewSheets(sheets []sheet) []sheetView {
	out := make([]sheetView, len(sheets))
	for i, sh := range sheets {
		v := sheetView{Title: sh.title, Header: sh.header}
		rows := sh.rows
		for j := 0; j < sh.blank; j++ {
			rows = append(rows, make([]any, len(sh.header)))
		}
		for _, row := range rows {
			cells := make([]cellView, len(row))
			for c, x := range row {
				cells[c] = cellText(x, sh.rate[c])
				if !cells[c].Num && c > 1 {
					cells[c].Class = "l"
				}
				if class := rowStatusClass(sh, row, c); class != "" {
					cells[c].Class = class
				}
			}
			v.Rows = append(v.Rows, cells)
		}
		out[i] = v
	}
	return out
}

// cellText prints one sheet value.
func cellText(v any, rate bool) cellView {
	switch x := v.(type) {
	case nil:
		return cellView{}
	case *int64:
		if x == nil {
			return cellView{Text: "—", Num: true}
		}
		return cellView{Text: fmt.Sprint(*x), Num: true}
	case *float64:
		if x == nil {
			return cellView{Text: "—", Num: true}
		}
		return cellText(*x, rate)
	case rateCell:
		return cellText(x.v, true)
	case float64:
		if rate {
			return cellView{Text: fmt.Sprintf("%.1f%%", x), Num: true}
		}
		return cellView{Text: fmt.Sprint(round1(x)), Num: true}
	case int, int64:
		return cellView{Text: fmt.Sprint(x), Num: true}
	case string:
		return cellView{Text: x}
	}
	return cellView{Text: fmt.Sprint(v)}
}
