package reports

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The bulletin workbook prints as the office sends it: A4, one page wide,
// title and header rows repeated, the issuing unit and date of issue in
// the header and footer, and rates stored as numbers with a percent
// format (1.1% is 0.011, not the text "1.1%").
func TestBulletinWorkbookPrints(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	f, err := excelize.OpenFile(filepath.Join(dir, "public", "bulletin-2024-2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sh)
		if err != nil || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s page layout %+v (%v), want A4 (9), fit to 1 page wide", sh, pl, err)
		}
		props, err := f.GetSheetProps(sh)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set (%v)", sh, err)
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil || hf == nil || !strings.Contains(hf.OddHeader, "示范镇教育办") || !strings.Contains(hf.OddFooter, "印发日期：2025年10月10日") {
			t.Errorf("%s header/footer %+v (%v), want the unit and the date of issue", sh, hf, err)
		}
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			names[d.Scope] = d.RefersTo
		}
	}
	if got := names["各校情况"]; got != "'各校情况'!$1:$2" {
		t.Errorf("print titles of 各校情况 = %q, want rows 1-2", got)
	}
	// 石桥九年一贯制学校 小学: 2/176 = 1.136% → stored 0.011, shown 1.1%.
	rows, _ := f.GetRows("各校情况")
	for r, row := range rows {
		if len(row) > 2 && row[1] == "石桥九年一贯制学校" && row[2] == "小学" {
			cell := fmt.Sprintf("I%d", r+1)
			typ, _ := f.GetCellType("各校情况", cell)
			raw, _ := f.GetCellValue("各校情况", cell, excelize.Options{RawCellValue: true})
			shown, _ := f.GetCellValue("各校情况", cell)
			if typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString || raw != "0.011" || shown != "1.1%" {
				t.Errorf("%s: type %v raw %q shown %q, want the number 0.011 shown 1.1%%", cell, typ, raw, shown)
			}
		}
	}
	// the town's 小学年辍学率 4/760 = 0.526% in the summary, a number too
	raw, _ := f.GetCellValue("汇总", "B12", excelize.Options{RawCellValue: true})
	if raw != "0.005" {
		t.Errorf("汇总!B12 (小学年辍学率) raw %q, want 0.005", raw)
	}
}
