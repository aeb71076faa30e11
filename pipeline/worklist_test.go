package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dropwatch/pipeline/ingest"
	"dropwatch/reports"
)

// The 核查表's drop-down list offers exactly what kind followup accepts.
func TestWorklistOutcomesMatchKind(t *testing.T) {
	k := ingest.KindByName("followup")
	for key, want := range map[string][]string{"outcome": reports.WorklistOutcomes, "level_attended": reports.WorklistLevels} {
		if got := k.Column(key).Values; !slices.Equal(got, want) {
			t.Errorf("%s: kind accepts %v, the 核查表 offers %v", key, got, want)
		}
	}
}

// TestWorklistRoundTrip takes the 核查表 of 青山村 that a run of the case
// town (cases_test.go) wrote, fills it in as a cadre would, drops it into
// the inbox and runs again: the rows load with none quarantined, the row
// left blank is skipped, and exactly the cases the rows prove are closed.
// The same after the workbook went through LibreOffice (as WPS or
// LibreOffice users save it).
//
// Open in 青山村 on 2026-03-10, oldest first: OVER, BACK (2023-2), EVM,
// EOFF (2025-1). The cadre writes: OVER 在外地就读 with proof (小学) on
// 2026-03-12, which closes its case on that date (its E(2025) proof is
// dated after the (2025,1) register test, so the case closes on the
// evidence, not on the registers); EVM 已死亡 with proof on 2026-03-13,
// closed; BACK 劝返中, still open (核查中); EOFF not visited.
func TestWorklistRoundTrip(t *testing.T) {
	for _, viaOffice := range []bool{false, true} {
		name := "excelize"
		if viaOffice {
			name = "libreoffice"
		}
		t.Run(name, func(t *testing.T) {
			if viaOffice {
				if _, err := exec.LookPath("soffice"); err != nil {
					t.Skip("soffice not installed")
				}
			}
			r, root := caseTown(t)
			src := filepath.Join(r.Config.Paths.Out, "restricted", "worklists", "village-430521101201.xlsx")
			checkWorklist(t, src)
			filled := filepath.Join(root, "filled", "青山村核查表_已填.xlsx")
			fillWorklist(t, src, filled)
			if viaOffice {
				filled = officeRoundTrip(t, filled)
			}
			b, err := os.ReadFile(filled)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(r.Config.Paths.Inbox, "青山村核查表_返回.xlsx"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			db0 := openRO(t, r.Config.Paths.Warehouse)
			before := queryStrings(t, db0, "SELECT case_id FROM mart.cases WHERE status = '已销号'")
			db0.Close()
			clock := time.Date(2026, 3, 15, 1, 0, 0, 0, time.UTC)
			r.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
			if _, err := r.Execute(context.Background()); err != nil {
				t.Fatal(err)
			}
			db := openRO(t, r.Config.Paths.Warehouse)
			loads := queryStrings(t, db, `SELECT concat_ws('|', kind, rows_total, rows_loaded, rows_quarantined, rows_skipped)
				FROM audit.loads WHERE file_name = '青山村核查表_返回.xlsx'`)
			sameSet(t, "the returned 核查表's load", loads, []string{"followup|4|3|0|1"})
			closed := queryStrings(t, db, `SELECT concat_ws('|', case_id, close_basis, closed_on, closed_year || '-' || closed_term)
				FROM mart.cases WHERE status = '已销号' AND case_id NOT IN ('`+strings.Join(before, "','")+`')`)
			sameSet(t, "cases closed by the returned 核查表", coded(closed), []string{
				"2023-2-OVER|在外地就读|2026-03-12|2025-2", "2025-1-EVM|已死亡|2026-03-13|2025-2"})
			open := queryStrings(t, db, `SELECT concat_ws('|', case_id, status) FROM mart.cases
				WHERE status <> '已销号' AND village_code = '430521101201'`)
			sameSet(t, "青山村's open cases", coded(open), []string{"2023-2-BACK|核查中", "2025-1-EOFF|待核查"})
		})
	}
}

// openWorklist opens a 核查表 and returns it, its sheet's name and rows.
func openWorklist(t *testing.T, path string) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const sheet = "核查表"
	rows, err := f.GetRows(sheet)
	if err != nil {
		f.Close()
		t.Fatal(err)
	}
	return f, sheet, rows
}

// checkWorklist asserts what a cadre relies on in the workbook as written.
func checkWorklist(t *testing.T, path string) {
	t.Helper()
	f, s, rows := openWorklist(t, path)
	defer f.Close()
	want := "案件编号 村民小组 姓名 身份证件号 性别 出生日期 原因 连续在册学期 监护人 电话 上次核查 核查日期 核查结果 证明材料 就读学校 就读学段 核查人 核查人电话 措施 限期日期 备注"
	if got := strings.Join(rows[0], " "); got != want {
		t.Errorf("row 1 = %s\nwant  %s", got, want)
	}
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	if got := strings.Join(coded(ids), " "); got != "2023-2-OVER 2023-2-BACK 2025-1-EVM 2025-1-EOFF" {
		t.Errorf("cases, oldest first: %s", got)
	}
	if rows[1][10] != "2026-01-10 拒不入学（限期 2026-02-28）；送达责令限期改正通知书" || rows[1][5] != "2015-09-09" {
		t.Errorf("OVER's row: %q", rows[1])
	}
	if typ, _ := f.GetCellType(s, "D2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("identity number stored as %v, want text", typ)
	}
	dvs, err := f.GetDataValidations(s)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for ref, vals := range map[string]string{"M2:M5": "在本镇就读,在外地就读", "N2:N5": "是,否", "P2:P5": "小学,初中,高中"} {
		if !strings.Contains(lists[ref], vals) {
			t.Errorf("drop-down %s = %q, want it to list %s", ref, lists[ref], vals)
		}
	}
	checkWorklistPrint(t, f)
}

func checkWorklistPrint(t *testing.T, f *excelize.File) {
	t.Helper()
	s := "核查表"
	lay, err := f.GetPageLayout(s)
	if err != nil || lay.Size == nil || *lay.Size != 9 || lay.Orientation == nil || *lay.Orientation != "landscape" {
		t.Errorf("page layout %+v (%v), want A4 (9) landscape", lay, err)
	}
	hf, err := f.GetHeaderFooter(s)
	if err != nil || !strings.Contains(hf.OddHeader, "青山村核查表（2025-2026学年第一学期）") ||
		!strings.Contains(hf.OddFooter, "核查人（签字）") || !strings.Contains(hf.OddFooter, "包村干部（签字）") {
		t.Errorf("header/footer %+v (%v)", hf, err)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm.Print_Titles" && strings.Contains(d.RefersTo, "$1:$1")
	}) {
		t.Errorf("no repeated title row: %+v", names)
	}
	locked := func(cell string) bool {
		id, _ := f.GetCellStyle(s, cell)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	if !locked("C2") || locked("M2") || locked("L2") {
		t.Errorf("locked: 姓名 %v, 核查结果 %v, 核查日期 %v; want true, false, false", locked("C2"), locked("M2"), locked("L2"))
	}
}
