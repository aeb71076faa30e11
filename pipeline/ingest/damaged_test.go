package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// hundredRows writes a roster workbook of a header and 100 valid rows.
func hundredRows(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	header := []any{"学年", "学期", "学校标识码", "姓名", "性别", "出生日期", "身份证件号", "年级", "班级"}
	if err := f.SetSheetRow("Sheet1", "A1", &header); err != nil {
		t.Fatal(err)
	}
	for i := 2; i <= 101; i++ {
		row := []any{2025, 1, "2143052103", fmt.Sprintf("学生%d", i), "男", "2019-08-31", "430521201908310114", "一年级", 1}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip copies a workbook, passing each part through edit (nil drops the
// part) and appending extra raw entries.
func rezip(t *testing.T, src []byte, edit func(name string, b []byte) []byte, extra func(w *zip.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if b = edit(zf.Name, b); b == nil {
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if extra != nil {
		extra(zw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// inSheet edits sheet1's XML only.
func inSheet(edit func(x string) string) func(string, []byte) []byte {
	return func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return []byte(edit(string(b)))
		}
		return b
	}
}

// atRow50 applies edit to the XML from row 50 on: the damage sits in the
// middle, so a reader that stops at it has loaded 48 of the 100 rows.
func atRow50(edit func(rest string) string) func(string, []byte) []byte {
	return inSheet(func(x string) string {
		i := strings.Index(x, `<row r="50"`)
		return x[:i] + edit(x[i:])
	})
}

// Damaged and hostile workbooks are rejected whole, each with its reason;
// excelize alone loads the 48 rows before the damage (or all 100 with a
// blank cell) and says nothing. Every case fails with checkXLSX removed
// from openXLSX.
func TestDamagedXLSXRejectedWhole(t *testing.T) {
	good := hundredRows(t)
	firstV := func(s string) func(string) string {
		return func(r string) string { return strings.Replace(r, "<v>", "<v>"+s, 1) }
	}
	bigDeclared := func(zw *zip.Writer) {
		var body bytes.Buffer
		fw, _ := flate.NewWriter(&body, flate.BestCompression)
		fw.Write(make([]byte, 1<<20))
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image1.bin", Method: zip.Deflate,
			CompressedSize64: uint64(body.Len()), UncompressedSize64: 4 << 30})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body.Bytes())
	}
	cases := []struct {
		name  string
		edit  func(string, []byte) []byte
		extra func(*zip.Writer)
		want  string
	}{
		{"undefined entity", atRow50(firstV("&nbsp;")), nil, "已损坏"},
		{"mismatched tag", atRow50(func(r string) string { return strings.Replace(r, "</row>", "</rows>", 1) }), nil, "已损坏"},
		{"invalid UTF-8", atRow50(firstV("\xff\xfe")), nil, "已损坏"},
		{"control character", atRow50(firstV("\x01")), nil, "已损坏"},
		{"sheet cut short", atRow50(func(r string) string { return r[:len(r)/3] }), nil, "已损坏"},
		{"entity expansion", inSheet(func(x string) string {
			i := strings.Index(x, "?>") + 2
			dtd := `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`
			x = x[:i] + dtd + x[i:]
			j := strings.Index(x, `<row r="50"`)
			return x[:j] + strings.Replace(x[j:], "<v>", "<v>&b;", 1)
		}), nil, "DTD"},
		{"no shared strings", func(name string, b []byte) []byte {
			if strings.EqualFold(name, "xl/sharedStrings.xml") {
				return nil
			}
			return b
		}, nil, "共享字符串"},
		{"formula without value", atRow50(func(r string) string {
			i := strings.Index(r, "<c ")
			j := strings.Index(r, "</c>") + len("</c>")
			return r[:i] + `<c r="A50"><f>2024+1</f></c>` + r[j:]
		}), nil, "公式"},
		{"declared 4 GiB part", inSheet(func(x string) string { return x }), bigDeclared, "解压后"},
		{"9 KB cell", atRow50(func(r string) string {
			return strings.Replace(r, "</row>", `<c r="J50" t="inlineStr"><is><t>`+strings.Repeat("备", 3000)+`</t></is></c></row>`, 1)
		}), nil, "超出每个单元格"},
		{"1 MB cell", atRow50(func(r string) string {
			return strings.Replace(r, "</row>", `<c r="J50" t="inlineStr"><is><t>`+strings.Repeat("x", 1<<20)+`</t></is></c></row>`, 1)
		}), nil, "超出每个单元格"},
	}
	ld, db := newLoader(t)
	res, err := ld.LoadFile(context.Background(), write(t, "good.xlsx", rezip(t, good, inSheet(func(x string) string { return x }), nil)))
	if err != nil || res.Outcome != Loaded || res.Rows != 100 {
		t.Fatalf("the undamaged workbook: %s, %d rows, %v %s; want loaded, 100 rows", res.Outcome, res.Rows, err, res.Message)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ld, db = newLoader(t)
			res, err := ld.LoadFile(context.Background(), write(t, "名册.xlsx", rezip(t, good, c.edit, c.extra)))
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != Rejected || !strings.Contains(res.Message, c.want) {
				t.Errorf("%s, %d rows, message %q; want rejected with %q", res.Outcome, res.Rows, res.Message, c.want)
			}
			if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
				t.Errorf("raw.roster holds %d rows of a rejected file", n)
			}
		})
	}
}

// A CSV cell beyond the limit rejects the file, naming row and column.
func TestLongCSVCellRejected(t *testing.T) {
	ld, db := newLoader(t)
	body := rosterHeader + rosterRow + "2025,1,2143052103," + strings.Repeat("名", 3000) + ",男,2019-08-31,430521201908310114,一年级,1\n"
	res, err := ld.LoadFile(context.Background(), write(t, "long.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Rejected || !strings.Contains(res.Message, "第3行第4列") {
		t.Errorf("%s, message %q; want rejected naming row 3 column 4", res.Outcome, res.Message)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
		t.Errorf("raw.roster holds %d rows", n)
	}
}

// Bare-CR line endings read line by line: before, the whole file was one
// header row and the reason given was a duplicated header.
func TestCROnlyLineEndings(t *testing.T) {
	ld, _ := newLoader(t)
	body := strings.ReplaceAll(rosterHeader+rosterRow+strings.Replace(rosterRow, "赵子涵", "钱欣怡", 1), "\n", "\r")
	res, err := ld.LoadFile(context.Background(), write(t, "cr.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Loaded || res.Rows != 2 {
		t.Errorf("%s, %d rows, %q; want loaded, 2 rows", res.Outcome, res.Rows, res.Message)
	}
}
