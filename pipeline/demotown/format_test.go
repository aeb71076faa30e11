package demotown

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestFormatMix(t *testing.T) {
	dir, man := generateDefault(t, 1)
	perKind := map[string]map[string]int{}
	count := map[string]int{}
	for _, f := range man.Files {
		if perKind[f.Kind] == nil {
			perKind[f.Kind] = map[string]int{}
		}
		perKind[f.Kind][f.Format]++
		count[f.Format]++
		checkEncoding(t, dir, f)
	}
	for kind, formats := range perKind {
		// directories are always CSV; a returned 核查表 is the workbook the run wrote
		if kind != "village" && kind != "school" && kind != "followup" && len(formats) < 2 {
			t.Errorf("%s files all in one format: %v", kind, formats)
		}
	}
	n := float64(len(man.Files))
	share := func(fs ...string) (s float64) {
		for _, f := range fs {
			s += float64(count[f]) / n
		}
		return s
	}
	if u := share("csv-utf8", "csv-utf8-bom"); u < 0.4 || u > 0.6 || count["csv-utf8"] == 0 || count["csv-utf8-bom"] == 0 {
		t.Errorf("UTF-8 CSV share %.2f (%v)", u, count)
	}
	for _, f := range []string{"xlsx", "csv-gb18030"} {
		if s := share(f); s < 0.15 || s > 0.35 {
			t.Errorf("%s share %.2f (%v)", f, s, count)
		}
		if man.Facts["files_"+f] != count[f] {
			t.Errorf("Facts files_%s %d, files %d", f, man.Facts["files_"+f], count[f])
		}
	}
}

// checkEncoding checks that a file's bytes are what FileInfo.Format says;
// a GBK file must hold nothing outside GBK.
func checkEncoding(t *testing.T, dir string, f FileInfo) {
	t.Helper()
	b := readBytes(t, dir, f.Name)
	bom := bytes.HasPrefix(b, []byte("\uFEFF"))
	ok := true
	switch f.Format {
	case "xlsx":
		ok = strings.HasSuffix(f.Name, ".xlsx") && bytes.HasPrefix(b, []byte("PK\x03\x04"))
	case "csv-utf8", "csv-utf8-bom":
		ok = utf8.Valid(b) && bom == (f.Format == "csv-utf8-bom")
	case "csv-gb18030":
		ok = !utf8.Valid(b) && gbkOnly(b)
	default:
		ok = false
	}
	if !ok {
		t.Errorf("%s is not %s", f.Name, f.Format)
	}
}

// gbkOnly reports whether b decodes as GBK without replacement and
// encodes back to the same bytes.
func gbkOnly(b []byte) bool {
	s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
		return false
	}
	back, err := simplifiedchinese.GBK.NewEncoder().Bytes(s)
	return err == nil && bytes.Equal(back, b)
}

// workbookTally counts the choices the workbooks of a run make.
type workbookTally struct {
	titled, sheet1, notes, noNotes, dateCells, textDates, numberIDs int
}

func TestWorkbooks(t *testing.T) {
	dir, man := generateDefault(t, 1)
	numbers := map[string]map[int]bool{} // file -> rows whose identity number is a number
	for _, b := range man.Broken {
		if strings.HasSuffix(b.File, ".xlsx") && strings.Contains(b.Why, "Excel") {
			if numbers[b.File] == nil {
				numbers[b.File] = map[int]bool{}
			}
			numbers[b.File][b.Row] = true
		}
	}
	var tally workbookTally
	for _, f := range man.Files {
		if f.Format == "xlsx" && f.Kind != "followup" { // the returned 核查表 is dropwatch's own workbook
			inspectWorkbook(t, filepath.Join(dir, f.Name), f.Kind, numbers[f.Name], &tally)
		}
	}
	if tally.titled == 0 || tally.sheet1 == 0 || tally.notes == 0 || tally.noNotes == 0 ||
		tally.dateCells == 0 || tally.textDates == 0 || tally.numberIDs == 0 {
		t.Errorf("workbook variety %+v", tally)
	}
	if tally.numberIDs != man.Facts["xlsx_number_ids"] {
		t.Errorf("%d number identity cells, Facts xlsx_number_ids %d", tally.numberIDs, man.Facts["xlsx_number_ids"])
	}
}

// inspectWorkbook tallies a workbook's sheets and checks its cell types:
// identity numbers are text except on the rows in numberRows.
func inspectWorkbook(t *testing.T, path, kind string, numberRows map[int]bool, tally *workbookTally) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	switch sheets[0] {
	case kindTitles[kind]:
		tally.titled++
	case "Sheet1":
		tally.sheet1++
	default:
		t.Errorf("%s: first sheet %q", path, sheets[0])
	}
	if len(sheets) > 1 && sheets[1] == "说明" {
		tally.notes++
	} else {
		tally.noNotes++
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	for c, h := range rows[0] {
		switch canonical(kind, h) {
		case idColumn[kind]:
			tally.numberIDs += checkIDCells(t, f, sheets[0], c+1, len(rows), numberRows)
		case "出生日期":
			if typedColumn(t, f, sheets[0], c+1, len(rows)) {
				tally.dateCells++
			} else {
				tally.textDates++
			}
		}
	}
}

// checkIDCells checks that an identity-number column holds text cells,
// except number cells on numberRows; it returns how many numbers it saw.
func checkIDCells(t *testing.T, f *excelize.File, sheet string, col, rows int, numberRows map[int]bool) int {
	t.Helper()
	n := 0
	for r := 2; r <= rows; r++ {
		ref, _ := excelize.CoordinatesToCellName(col, r)
		typ, err := f.GetCellType(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		text := typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString
		if text == numberRows[r] {
			t.Errorf("%s!%s: identity number cell type %v, number expected %v", sheet, ref, typ, numberRows[r])
		}
		if !text {
			n++
		}
	}
	return n
}

// typedColumn reports whether a column holds any cell that is not text.
func typedColumn(t *testing.T, f *excelize.File, sheet string, col, rows int) bool {
	t.Helper()
	for r := 2; r <= rows; r++ {
		ref, _ := excelize.CoordinatesToCellName(col, r)
		typ, err := f.GetCellType(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue(sheet, ref); v != "" && typ != excelize.CellTypeInlineString {
			return true
		}
	}
	return false
}

func TestLargeTownFormats(t *testing.T) {
	if testing.Short() {
		t.Skip("large town")
	}
	man, err := Generate(t.TempDir(), Options{Seed: 9, Children: 60000, Years: 2})
	if err != nil {
		t.Fatal(err)
	}
	other := map[string]int{}
	for _, f := range man.Files {
		switch {
		case f.Kind == "roster" && f.Format != "csv-utf8" && f.Format != "csv-utf8-bom":
			t.Errorf("town-wide roster %s is %s", f.Name, f.Format)
		case (f.Kind == "household" || f.Kind == "migration") && f.Format == "xlsx":
			t.Errorf("%s is a workbook", f.Name)
		case f.Kind != "roster":
			other[f.Format]++
		}
	}
	if other["xlsx"] == 0 || other["csv-gb18030"] == 0 {
		t.Errorf("formats of the other kinds: %v", other)
	}
}
