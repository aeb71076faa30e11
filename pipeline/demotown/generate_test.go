package demotown

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	opt := Options{Seed: 7, Children: 1500, Years: 2}
	ma, err := Generate(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, opt); err != nil {
		t.Fatal(err)
	}
	opt.Seed = 8
	if _, err := Generate(c, opt); err != nil {
		t.Fatal(err)
	}
	differs := 0
	formats := map[string]bool{}
	for _, f := range ma.Files {
		formats[f.Format] = true
		fa := readBytes(t, a, f.Name)
		if got := readBytes(t, b, f.Name); !bytes.Equal(fa, got) {
			t.Errorf("%s differs between two runs with the same options", f.Name)
		}
		if fc, err := os.ReadFile(filepath.Join(c, f.Name)); err != nil || !bytes.Equal(fa, fc) {
			differs++
		}
	}
	if differs == 0 {
		t.Error("seed 8 wrote the same files as seed 7")
	}
	if !formats["xlsx"] || !formats["csv-gb18030"] {
		t.Errorf("determinism checked on formats %v only", formats)
	}
}

// firstSheet names a workbook's first sheet; "" for a CSV.
func firstSheet(t *testing.T, dir, name string) string {
	t.Helper()
	if !strings.HasSuffix(name, ".xlsx") {
		return ""
	}
	f, err := excelize.OpenFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetName(0)
}

// readBytes reads a file or fails the test.
func readBytes(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// brokenSet indexes the broken cells by file and row.
func brokenSet(man Manifest) map[string]map[int]bool {
	set := map[string]map[int]bool{}
	for _, b := range man.Broken {
		if set[b.File] == nil {
			set[b.File] = map[int]bool{}
		}
		set[b.File][b.Row] = true
	}
	return set
}

func TestIdentityNumbers(t *testing.T) {
	dir, man := generateDefault(t, 1)
	if n, legacy := checkIDs(t, dir, man); n < 20000 || legacy != 0 {
		t.Errorf("checked %d identity numbers, %d legacy ones", n, legacy)
	}
}

func TestLegacyIdentityNumbers(t *testing.T) {
	dir := t.TempDir()
	man, err := Generate(dir, Options{Seed: 4, Children: 1500, FirstYear: 2014, Years: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, legacy := checkIDs(t, dir, man); legacy == 0 {
		t.Error("no 15-digit identity number for children born before 2000")
	}
}

// upgrade15 turns a legacy 15-digit number into the 18-digit one.
func upgrade15(id string) string {
	d17 := id[:6] + "19" + id[6:]
	for _, c := range "0123456789X" {
		if mod112(d17 + string(c)) {
			return d17 + string(c)
		}
	}
	return ""
}

// checkIDs checks every resident identity number outside Manifest.Broken:
// MOD 11-2, province code, and agreement with 出生日期. It returns how many
// it checked and how many were legacy 15-digit numbers.
func checkIDs(t *testing.T, dir string, man Manifest) (checked, legacy int) {
	t.Helper()
	broken := brokenSet(man)
	for _, f := range man.Files {
		col, ok := idColumn[f.Kind]
		if !ok {
			continue
		}
		tb := readTable(t, dir, f.Name, f.Kind)
		for i, row := range tb.rows {
			if broken[f.Name][i+2] {
				continue
			}
			if typ := tb.cell(row, "身份证件类型"); typ != "" && typ != "1" && typ != "居民身份证" {
				continue
			}
			id := tb.cell(row, col)
			if id != "" && (id[0] >= 'A' && id[0] <= 'Z' || id[0] >= 'a' && id[0] <= 'z') {
				continue // another document's number in a kind without 身份证件类型 (attendance)
			}
			if len(id) == 15 {
				id = upgrade15(id)
				legacy++
			}
			if !mod112(id) || !validProvinceCode(id[:2]) {
				t.Errorf("%s row %d: identity number %q fails MOD 11-2", f.Name, i+2, id)
				continue
			}
			if bd := tb.cell(row, "出生日期"); bd != "" {
				d, ok := parseTestDate(bd)
				if !ok || d.Format("20060102") != id[6:14] {
					t.Errorf("%s row %d: 出生日期 %q disagrees with %s", f.Name, i+2, bd, id)
				}
			}
			checked++
		}
	}
	return checked, legacy
}

// validProvinceCode reports whether p starts a GB 11643 number.
func validProvinceCode(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && (n >= 11 && n <= 15 || n >= 21 && n <= 23 || n >= 31 && n <= 37 ||
		n >= 41 && n <= 46 || n >= 50 && n <= 54 || n >= 61 && n <= 65 || n == 71 || n >= 81 && n <= 83)
}

func TestMod112(t *testing.T) {
	for id, want := range map[string]bool{"11010519491231002X": true, "11010519491231002x": true,
		"110105194912310021": false, "430521201908310114": mod112("430521201908310114")} {
		if got := mod112(id); got != want {
			t.Errorf("mod112(%s) = %v, want %v", id, got, want)
		}
	}
	if got := makeID("110105", date{1949, 12, 31}, 2); got != "11010519491231002X" {
		t.Errorf("makeID = %s, want 11010519491231002X", got)
	}
	if got := excelFloat("430521201508310114"); got != "4.30521201508E+17" {
		t.Errorf("excelFloat = %s", got)
	}
}

func TestHeaders(t *testing.T) {
	dir, man := generateDefault(t, 2)
	english := 0
	for _, f := range man.Files {
		tb := readTable(t, dir, f.Name, f.Kind)
		for _, h := range tb.header {
			n := normHeader(h)
			if canonical(f.Kind, h) == "" && !testExtras[n] {
				t.Errorf("%s: header %q is not a %s header", f.Name, h, f.Kind)
			}
			if n != "" && n[0] >= 'a' && n[0] <= 'z' {
				english++
			}
		}
		for _, req := range testRequired[f.Kind] {
			if _, ok := tb.col[req]; !ok {
				t.Errorf("%s: required column %s missing", f.Name, req)
			}
		}
	}
	if english == 0 {
		t.Error("no English-key header anywhere")
	}
}

func TestBrokenCellsAreThere(t *testing.T) {
	dir, man := generateDefault(t, 3)
	if len(man.Broken) == 0 {
		t.Fatal("no broken cells")
	}
	kinds := map[string]string{}
	for _, f := range man.Files {
		kinds[f.Name] = f.Kind
	}
	tables := map[string]table{}
	for _, b := range man.Broken {
		tb, ok := tables[b.File]
		if !ok {
			tb = readTable(t, dir, b.File, kinds[b.File])
			tables[b.File] = tb
		}
		if want := firstSheet(t, dir, b.File); b.Sheet != want {
			t.Errorf("%s row %d: sheet %q, want %q", b.File, b.Row, b.Sheet, want)
		}
		row := tb.rows[b.Row-2]
		col := -1
		for i, h := range tb.header {
			if h == b.Column {
				col = i
			}
		}
		if col < 0 || row[col] != b.Value {
			t.Errorf("%s row %d column %q: want %q, found %q", b.File, b.Row, b.Column, b.Value, row[col])
		}
	}
}

func TestBrokenKindsAndRate(t *testing.T) {
	_, man := generateDefault(t, 1)
	for _, k := range brNames {
		if man.Facts["broken_"+k] == 0 {
			t.Errorf("no broken cell of type %s", k)
		}
	}
	rows := man.Facts["roster_rows"] + man.Facts["household_rows"]
	if got := float64(len(man.Broken)) / float64(rows); got < 0.002 || got > 0.005 {
		t.Errorf("broken cells are %.3f%% of roster and household rows", 100*got)
	}
	if man.Facts["broken_cells"] != len(man.Broken) {
		t.Errorf("Facts broken_cells %d, Broken %d", man.Facts["broken_cells"], len(man.Broken))
	}
	for _, b := range man.Broken {
		if strings.Contains(b.Why, "学校名录") && !strings.Contains(b.Why, "建库") {
			t.Errorf("unknown school cell does not say it is found at build time: %s", b.Why)
		}
	}
}

func TestCodesResolve(t *testing.T) {
	dir, man := generateDefault(t, 5)
	broken := brokenSet(man)
	known := map[string]bool{}
	for _, f := range man.Files[:2] {
		tb := readTable(t, dir, f.Name, f.Kind)
		for _, row := range tb.rows {
			known[tb.cell(row, map[string]string{"village": "村代码", "school": "学校标识码"}[f.Kind])] = true
			if f.Kind == "school" && !known[tb.cell(row, "所在村代码")] {
				t.Errorf("school %s sits in unknown village %s", tb.cell(row, "学校标识码"), tb.cell(row, "所在村代码"))
			}
		}
	}
	cols := map[string][]string{"roster": {"学校标识码"}, "household": {"村代码"}, "dropout": {"学校标识码"},
		"graduate": {"学校标识码"}, "handoff": {"小学学校标识码", "初中学校标识码"}, "attendance": {"学校标识码"}}
	for _, f := range man.Files {
		tb := readTable(t, dir, f.Name, f.Kind)
		for i, row := range tb.rows {
			for _, col := range cols[f.Kind] {
				if v := tb.cell(row, col); v != "" && !known[v] && !broken[f.Name][i+2] {
					t.Errorf("%s row %d: %s %s is in no directory", f.Name, i+2, col, v)
				}
			}
		}
	}
}
