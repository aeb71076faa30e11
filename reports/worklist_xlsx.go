package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Columns of the 核查表. The pre-filled ones come back in a returned
// workbook and are kept but not validated; the blank ones are input kind
// 10's headers (docs/inputs.md), in its order. 姓名 and 身份证件号 belong to
// both: the work list fills them in.
var (
	worklistPrefilled = []string{"案件编号", "村民小组", "姓名", "身份证件号", "性别", "出生日期", "原因", "连续在册学期", "监护人", "电话", "上次核查"}
	worklistBlank     = []string{"核查日期", "核查结果", "证明材料", "就读学校", "就读学段", "核查人", "核查人电话", "措施", "限期日期", "备注"}
	worklistWidths    = []float64{26, 8, 9, 21, 5, 11, 14, 7, 9, 13, 30, 12, 12, 8, 24, 8, 9, 13, 24, 12, 16}
)

// Drop-down lists of the blank columns. WorklistOutcomes must equal the
// values kind followup accepts for 核查结果 (pipeline tests compare them).
var (
	WorklistOutcomes = []string{"在本镇就读", "在外地就读", "已劝返复学", "劝返中", "拒不入学", "已死亡", "户籍已迁出", "查无此人", "其他"}
	WorklistEvidence = []string{"是", "否"}
	WorklistLevels   = []string{"小学", "初中", "高中"}
)

const worklistSheet = "核查表"

// worklistStyles: pre-filled cells locked, blank cells open for input.
type worklistStyles struct{ header, locked, lockedText, lockedDate, open, openDate int }

func newWorklistStyles(f *excelize.File) (worklistStyles, error) {
	var s worklistStyles
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	date := "yyyy-mm-dd"
	lock, open := &excelize.Protection{Locked: true}, &excelize.Protection{Locked: false}
	for _, d := range []struct {
		id *int
		st excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Protection: lock,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF5"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&s.locked, excelize.Style{Border: border, Protection: lock,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&s.lockedText, excelize.Style{Border: border, Protection: lock, NumFmt: 49,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&s.lockedDate, excelize.Style{Border: border, Protection: lock, CustomNumFmt: &date,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&s.open, excelize.Style{Border: border, Protection: open, NumFmt: 49}},
		{&s.openDate, excelize.Style{Border: border, Protection: open, CustomNumFmt: &date}},
	} {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return s, fmt.Errorf("xlsx style: %w", err)
		}
		*d.id = id
	}
	return s, nil
}

// worklistWorkbook writes one 核查表: headers in row 1 (titles go in the
// print header, so the returned workbook is recognised by its headers),
// one row per open case, the pre-filled cells protected, drop-down lists
// on 核查结果, 证明材料 and 就读学段, date cells for 核查日期 and 限期日期,
// A4 landscape with row 1 repeated on every page, the village or school
// and the term in the print header, signature lines in the footer.
func worklistWorkbook(w Worklist, term Term, opt Options) ([]byte, error) {
	title := opt.TownName + w.Name + "核查表（" + term.Label + "）"
	f, err := startWorkbook(title, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := f.SetSheetName("Sheet1", worklistSheet); err != nil {
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	st, err := newWorklistStyles(f)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { return worklistCells(f, st, w) },
		func() error { return worklistLists(f, len(w.Cases)) },
		func() error { return worklistPrint(f, w, title) },
		func() error {
			return f.ProtectSheet(worklistSheet, &excelize.SheetProtectionOptions{SelectLockedCells: true,
				SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("xlsx 核查表 %s: %w", w.Code, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx write: %w", err)
	}
	return buf.Bytes(), nil
}

// worklistCells writes the header row and the case rows.
func worklistCells(f *excelize.File, st worklistStyles, w Worklist) error {
	s := worklistSheet
	head := append(append([]string(nil), worklistPrefilled...), worklistBlank...)
	for i, h := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(s, cell, h); err != nil {
			return err
		}
		if err := f.SetColWidth(s, colName(i), colName(i), worklistWidths[i]); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(s, "A1", last, st.header); err != nil {
		return err
	}
	for r, c := range w.Cases {
		row := r + 2
		texts := []string{c.CaseID, c.Group, c.Name, c.ID, c.Gender}
		for i, v := range texts {
			if err := f.SetCellStr(s, cellAt(i, row), v); err != nil {
				return err
			}
		}
		if c.Birth != nil {
			if err := f.SetCellValue(s, cellAt(5, row), *c.Birth); err != nil {
				return err
			}
		}
		for i, v := range []any{c.Reason, c.Terms, c.Guardian, c.Phone, c.Last} {
			if err := f.SetCellValue(s, cellAt(6+i, row), v); err != nil {
				return err
			}
		}
		if err := worklistRowStyles(f, st, row); err != nil {
			return err
		}
	}
	return f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// worklistRowStyles locks the pre-filled cells of a row and opens the rest.
func worklistRowStyles(f *excelize.File, st worklistStyles, row int) error {
	n := len(worklistPrefilled)
	ranges := []struct{ from, to, style int }{
		{0, n - 1, st.locked}, {3, 3, st.lockedText}, {9, 9, st.lockedText}, {5, 5, st.lockedDate},
		{n, n + len(worklistBlank) - 1, st.open}, {n, n, st.openDate}, {n + 8, n + 8, st.openDate},
	}
	for _, r := range ranges {
		if err := f.SetCellStyle(worklistSheet, cellAt(r.from, row), cellAt(r.to, row), r.style); err != nil {
			return err
		}
	}
	return nil
}

// worklistLists adds the drop-down lists to the case rows.
func worklistLists(f *excelize.File, n int) error {
	if n == 0 {
		return nil
	}
	first := len(worklistPrefilled)
	for _, l := range []struct {
		col    int
		values []string
	}{{first + 1, WorklistOutcomes}, {first + 2, WorklistEvidence}, {first + 4, WorklistLevels}} {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cellAt(l.col, 2) + ":" + cellAt(l.col, n+1))
		if err := dv.SetDropList(l.values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, worklistBlank[l.col-first],
			"请从下拉列表中选择："+strings.Join(l.values, "、"))
		if err := f.AddDataValidation(worklistSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// worklistPrint sets up printing: A4 landscape, one page wide, row 1 on
// every page, the title in the header, signature lines in the footer.
func worklistPrint(f *excelize.File, w Worklist, title string) error {
	size, orient, wide, tall, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(worklistSheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(worklistSheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: "'" + worklistSheet + "'!$1:$1", Scope: worklistSheet}); err != nil {
		return err
	}
	esc := strings.NewReplacer("&", "&&")
	return f.SetHeaderFooter(worklistSheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C&\"-,Bold\"&14" + esc.Replace(title) + "&R第 &P 页，共 &N 页",
		OddFooter: "&L核查人（签字）：______________  日期：__________&C" + w.Signer +
			"（签字）：______________&R填好后原样交回镇教育办导入，请勿改动表头和灰色单元格",
	})
}

func cellAt(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col+1, row)
	return c
}

func colName(i int) string {
	c, _ := excelize.ColumnNumberToName(i + 1)
	return c
}
