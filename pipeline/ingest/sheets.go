package ingest

import "strings"

// sheetInfo describes one sheet of a workbook, in workbook order.
type sheetInfo struct {
	Name   string
	Hidden bool // hidden or very hidden: the clerk does not see its tab
}

// chooseSheet picks the sheet of a workbook to read, for .xlsx and .xls
// alike: the first sheet unless a sheet is named after a kind.
//
// Hidden sheets are left out: a clerk cannot see them, and exports keep
// lookup lists there. Among the visible sheets, in workbook order, the first
// one whose trimmed name is a kind's Title (学籍名册, 户籍人口, ...) or Name
// (roster, household, ..., any case) is read; failing that, the first
// visible sheet. A workbook whose sheets are all hidden (Excel forbids it,
// other writers may not) falls back to its first sheet. It returns -1 only
// for a workbook without sheets.
func chooseSheet(sheets []sheetInfo) int {
	first := -1
	for i, s := range sheets {
		if s.Hidden {
			continue
		}
		if namedAfterKind(s.Name) {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	if first < 0 && len(sheets) > 0 {
		return 0
	}
	return first
}

// namedAfterKind reports whether a sheet name, trimmed, is the Title or the
// Name of an input kind.
func namedAfterKind(name string) bool {
	name = trim(name)
	for _, k := range Kinds {
		if name == k.Title || strings.EqualFold(name, k.Name) {
			return true
		}
	}
	return false
}
