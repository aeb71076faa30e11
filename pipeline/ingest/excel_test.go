package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readRows reads a whole file through Open: the sheet, each non-empty
// row's cells and its row number.
func readRows(t *testing.T, path string) (string, [][]string, []int) {
	t.Helper()
	src, err := Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer src.Close()
	var rows [][]string
	var nums []int
	for {
		rec, n, err := src.Next()
		if err == io.EOF {
			return src.Sheet(), rows, nums
		}
		if err != nil {
			t.Fatalf("read %s: %v", filepath.Base(path), err)
		}
		rows = append(rows, append([]string(nil), rec...))
		nums = append(nums, n)
	}
}

// drain opens and reads a whole file, returning the first error.
func drain(path string) error {
	src, err := Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	for {
		if _, _, err := src.Next(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// sheetWriter fills one sheet of a workbook being built by a test.
type sheetWriter struct {
	t     *testing.T
	f     *excelize.File
	sheet string
}

func (w sheetWriter) row(r int, vals ...any) {
	w.t.Helper()
	if err := w.f.SetSheetRow(w.sheet, fmt.Sprintf("A%d", r), &vals); err != nil {
		w.t.Fatal(err)
	}
}

// number stores raw as the text of a number cell, as a writer spelled it,
// with the given number format (0: none).
func (w sheetWriter) number(cell, raw string, format string) {
	w.t.Helper()
	if err := w.f.SetCellDefault(w.sheet, cell, raw); err != nil {
		w.t.Fatal(err)
	}
	if format == "" {
		return
	}
	style, err := w.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err == nil {
		err = w.f.SetCellStyle(w.sheet, cell, cell, style)
	}
	if err != nil {
		w.t.Fatal(err)
	}
}

// rosterXLSX writes a roster as a clerk's workbook might hold it: a notes
// sheet first, the roster on a second sheet named 学籍名册; ★ in a header,
// a merged header cell, an empty row, date cells in three formats, a school
// code and two identity numbers stored as numbers.
func rosterXLSX(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "说明"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("学籍名册"); err != nil {
		t.Fatal(err)
	}
	notes, w := sheetWriter{t, f, "说明"}, sheetWriter{t, f, "学籍名册"}
	notes.row(1, "本表由学籍系统导出")
	w.row(1, "学年", "学期", "学校标识码", "姓名★", "性别", "出生日期", "身份证件号", "年级", "班级", "备注")
	if err := f.MergeCell("学籍名册", "J1", "K1"); err != nil {
		t.Fatal(err)
	}
	w.row(2, 2025, 1, "2143052103", "赵子涵", "男", nil, "430521201908310114", "一年级", 1)
	w.number("F2", "43708", "m/d/yy") // Excel's built-in 14 in en-US
	// row 3 is empty
	w.row(4, 2025, 1, nil, "钱欣怡", "女", nil, nil, "四年级", 2, "转入")
	w.number("C4", "2143052103", "#,##0")
	w.number("F4", "42436", `yyyy"年"m"月"d"日"`)
	w.number("G4", "4.3052120160307002E+17", "") // as Excel writes a long number
	w.row(5, "2025-2026学年", "第一学期", "2143052103", "孙浩然", 1, nil, "430521201205110335", "六年级", "1班")
	w.number("F5", "41040", "yyyy/m/d h:mm")
	w.row(6, 2025, 1, "2143052103", "李思琪", "女", "2013-01-15", nil, "五年级", 1)
	w.number("G6", "430521201301150000", "0") // the same, spelled in digits
	p := filepath.Join(t.TempDir(), "名册.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestXLSXCellsAndRowNumbers(t *testing.T) {
	sheet, rows, nums := readRows(t, rosterXLSX(t))
	if sheet != "学籍名册" {
		t.Errorf("sheet = %q, want 学籍名册", sheet)
	}
	want := [][]string{
		{"学年", "学期", "学校标识码", "姓名★", "性别", "出生日期", "身份证件号", "年级", "班级", "备注"},
		{"2025", "1", "2143052103", "赵子涵", "男", "2019-08-31", "430521201908310114", "一年级", "1"},
		{"2025", "1", "2143052103", "钱欣怡", "女", "2016-03-07", "4.3052120160307E+17", "四年级", "2", "转入"},
		{"2025-2026学年", "第一学期", "2143052103", "孙浩然", "1", "2012-05-11 00:00", "430521201205110335", "六年级", "1班"},
		{"2025", "1", "2143052103", "李思琪", "女", "2013-01-15", "430521201301150000", "五年级", "1"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%q\nwant\n%q", rows, want)
	}
	if wantNums := []int{1, 2, 4, 5, 6}; !reflect.DeepEqual(nums, wantNums) {
		t.Errorf("row numbers = %v, want %v", nums, wantNums)
	}
}

func TestChooseSheet(t *testing.T) {
	cases := []struct {
		sheets []sheetInfo
		want   int
	}{
		{[]sheetInfo{{Name: "说明"}, {Name: " 学籍名册 "}}, 1},
		{[]sheetInfo{{Name: "Sheet1"}, {Name: "Sheet2"}}, 0},
		{[]sheetInfo{{Name: "代码表", Hidden: true}, {Name: "Sheet1"}}, 1},
		{[]sheetInfo{{Name: "Sheet1"}, {Name: "Roster"}, {Name: "户籍人口"}}, 1},
		{[]sheetInfo{{Name: "学籍名册", Hidden: true}, {Name: "Sheet1"}}, 1},
		{[]sheetInfo{{Name: "a", Hidden: true}, {Name: "b", Hidden: true}}, 0},
		{nil, -1},
	}
	for _, c := range cases {
		if got := chooseSheet(c.sheets); got != c.want {
			t.Errorf("chooseSheet(%v) = %d, want %d", c.sheets, got, c.want)
		}
	}
}

func TestXLSFixtures(t *testing.T) {
	sheet, rows, nums := readRows(t, filepath.Join("testdata", "excel", "roster.xls"))
	want := [][]string{
		{"学年", "学期", "学校标识码", "姓名★", "性别", "出生日期", "身份证件号", "年级", "班级", "备注"},
		{"2025", "1", "2143052103", "赵子涵", "男", "2019-08-31", "430521201908310114", "一年级", "1"},
		{"2025", "1", "2143052103", "钱欣怡", "女", "2016-03-07", "4.3052120160307E+17", "四年级", "2", "转入"},
		{"2025-2026学年", "第一学期", "2143052103", "孙浩然", "1", "2012-05-11", "430521201205110335", "六年级", "1班"},
	}
	if sheet != "学籍名册" || !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(nums, []int{1, 2, 4, 5}) {
		t.Errorf("roster.xls: sheet %q rows %v\n%q\nwant 学籍名册 [1 2 4 5]\n%q", sheet, nums, rows, want)
	}
	sheet, rows, _ = readRows(t, filepath.Join("testdata", "excel", "household.xls"))
	wantRow := []string{"2025", "430521201402030027", "李思琪", "女", "2014-02-03", "430521100201", "3"}
	if sheet != "Sheet1" || len(rows) != 2 || !reflect.DeepEqual(rows[1], wantRow) {
		t.Errorf("household.xls: sheet %q rows %q, want Sheet1 (the hidden 代码表 skipped) with %q", sheet, rows, wantRow)
	}
}

// long.xls holds 200 distinct names and two strings longer than a BIFF
// record, so its shared strings span CONTINUE records mid-string.
func TestXLSLongSharedStrings(t *testing.T) {
	han := []rune("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳")
	_, rows, nums := readRows(t, filepath.Join("testdata", "excel", "long.xls"))
	if len(rows) != 202 || nums[201] != 202 {
		t.Fatalf("%d rows, last numbered %d; want 202", len(rows), nums[len(nums)-1])
	}
	for i := 1; i <= 200; i++ {
		var name []rune
		for k := 0; k < i%9+2; k++ {
			name = append(name, han[(i*31+k*7)%len(han)])
		}
		want := []string{string(name), fmt.Sprintf("第%d行note", i), fmt.Sprint(i)}
		if !reflect.DeepEqual(rows[i], want) {
			t.Fatalf("row %d = %q, want %q", i+1, rows[i], want)
		}
	}
	var cn, en []rune
	for k := 0; k < 4200; k++ {
		cn = append(cn, han[k%len(han)])
		en = append(en, rune('a'+k%26), rune('A'+k%26))
	}
	if last := rows[201]; len(last) != 2 || last[0] != string(cn) || last[1] != string(en) {
		t.Errorf("long strings read back wrong: %d and %d characters", len([]rune(last[0])), len(last[1]))
	}
}

// Every truncation of a workbook is rejected with a Chinese message, and
// none panics.
func TestTruncatedWorkbooksRejected(t *testing.T) {
	xls, err := os.ReadFile(filepath.Join("testdata", "excel", "roster.xls"))
	if err != nil {
		t.Fatal(err)
	}
	xlsx, err := os.ReadFile(rosterXLSX(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		body []byte
	}{{"r.xls", xls}, {"r.xlsx", xlsx}} {
		for n := 0; n < len(c.body); n += 61 {
			err := drain(write(t, c.name, c.body[:n]))
			if !IsReject(err) || !strings.Contains(err.Error(), "文件无法按") || !strings.Contains(err.Error(), "另存为") {
				t.Fatalf("%s cut at %d of %d bytes: %v, want a rejection", c.name, n, len(c.body), err)
			}
		}
	}
	err = drain(write(t, "fake.xls", []byte("<html><table><tr><td>学年</td></tr></table></html>")))
	if !IsReject(err) {
		t.Errorf("an HTML page named .xls: %v, want a rejection", err)
	}
}

// A workbook saved under the other extension is read by its content.
func TestWorkbookUnderOtherExtension(t *testing.T) {
	xls, err := os.ReadFile(filepath.Join("testdata", "excel", "roster.xls"))
	if err != nil {
		t.Fatal(err)
	}
	if sheet, rows, _ := readRows(t, write(t, "r.xlsx", xls)); sheet != "学籍名册" || len(rows) != 4 {
		t.Errorf(".xls named .xlsx: sheet %q, %d rows", sheet, len(rows))
	}
	xlsx, err := os.ReadFile(rosterXLSX(t))
	if err != nil {
		t.Fatal(err)
	}
	if sheet, rows, _ := readRows(t, write(t, "r.xls", xlsx)); sheet != "学籍名册" || len(rows) != 5 {
		t.Errorf(".xlsx named .xls: sheet %q, %d rows", sheet, len(rows))
	}
}

func TestLoadExcelRosters(t *testing.T) {
	for _, c := range []struct {
		path     string
		rows     int64
		badRows  []int
		birthRow int
	}{
		{rosterXLSX(t), 4, []int{4, 6}, 2},
		{filepath.Join("testdata", "excel", "roster.xls"), 3, []int{4}, 2},
	} {
		ld, db := newLoader(t)
		res, err := ld.LoadFile(context.Background(), c.path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(c.path)
		if res.Outcome != Loaded || res.Kind != "roster" || res.Rows != c.rows || res.Quarantined != int64(len(c.badRows)) {
			t.Errorf("%s: %s %s rows %d quarantined %d (%s), want loaded roster %d rows %d quarantined",
				name, res.Outcome, res.Kind, res.Rows, res.Quarantined, res.Message, c.rows, len(c.badRows))
		}
		got, err := quarantined(db)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range c.badRows {
			want = append(want, fmt.Sprintf("学籍名册 %d 身份证件号 true", r))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: quarantine %q, want %q", name, got, want)
		}
		var birth string
		if err := db.QueryRow("SELECT birth_date::VARCHAR FROM raw.roster WHERE _row = ?", c.birthRow).Scan(&birth); err != nil || birth != "2019-08-31" {
			t.Errorf("%s: birth date of row %d = %q (%v), want 2019-08-31", name, c.birthRow, birth, err)
		}
	}
}

// quarantined lists sheet, row and column of each entry of
// raw.cell_errors, and whether its reason says the cell was stored as a
// number.
func quarantined(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT sheet, row_number, column_name, reason FROM raw.cell_errors ORDER BY row_number")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sheet, col, reason string
		var row int
		if err := rows.Scan(&sheet, &row, &col, &reason); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s %d %s %v", sheet, row, col, strings.Contains(reason, "存成")))
	}
	return out, rows.Err()
}
