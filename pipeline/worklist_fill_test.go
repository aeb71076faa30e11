package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// fillWorklist fills in the 核查表 at src as a cadre would and saves it at
// dst: dates typed into the date cells, values picked from the drop-downs.
func fillWorklist(t *testing.T, src, dst string) {
	t.Helper()
	f, s, rows := openWorklist(t, src)
	defer f.Close()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	visits := map[string][]any{ // 核查日期 核查结果 证明材料 就读学校 就读学段 核查人
		"2023-2-" + caseKid["OVER"]: {day(12), "在外地就读", "是", "广东省深圳市宝安区福永小学", "小学", "王建国"},
		"2025-1-" + caseKid["EVM"]:  {day(13), "已死亡", "是", "", "", "王建国"},
		"2023-2-" + caseKid["BACK"]: {day(11), "劝返中", "否", "", "", "赵组长"},
	}
	for i, r := range rows[1:] {
		v, ok := visits[r[0]]
		if !ok {
			continue
		}
		for j, x := range v {
			cell, _ := excelize.CoordinatesToCellName(12+j, i+2)
			if err := f.SetCellValue(s, cell, x); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

// officeRoundTrip opens and re-saves a workbook with LibreOffice headless
// and returns the new file's path.
func officeRoundTrip(t *testing.T, path string) string {
	t.Helper()
	out := filepath.Join(filepath.Dir(path), "office")
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo"),
		"--headless", "--convert-to", "xlsx", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	got := filepath.Join(out, filepath.Base(path))
	if _, err := os.Stat(got); err != nil {
		t.Fatalf("soffice wrote nothing: %v", err)
	}
	return got
}
