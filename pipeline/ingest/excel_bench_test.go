package ingest

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

const benchRows = 200_000

// benchWorkbook streams a roster sheet of n data rows (strings, numbers
// and a date cell each) into an .xlsx under dir.
func benchWorkbook(b *testing.B, dir string, n int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"学年", "学期", "学校标识码", "姓名", "性别", "出生日期", "身份证件号", "年级", "班级"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		row := []any{2025, 1, "2143052103", fmt.Sprintf("学生%d", i), "男",
			excelize.Cell{StyleID: date, Value: 40000 + i%3000},
			fmt.Sprintf("43052120%010d", i), "一年级", i%9 + 1}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, "bench.xlsx")
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkXLSXRows reads a 200,000-row sheet through openXLSX and, for
// comparison, through excelize's row iterator alone: with its default
// formatting (dates through excelize's locale-searching date formatter) and
// with raw values (no formatting at all, the floor). The ns/row metrics
// give the ratio; B/op is what one whole read allocates.
func BenchmarkXLSXRows(b *testing.B) {
	path := benchWorkbook(b, b.TempDir(), benchRows)
	for _, c := range []struct {
		name string
		read func(*testing.B, string) int
	}{
		{"excelize", func(b *testing.B, p string) int { return excelizeRows(b, p, excelize.Options{}) }},
		{"excelize-raw", func(b *testing.B, p string) int { return excelizeRows(b, p, excelize.Options{RawCellValue: true}) }},
		{"openXLSX", openXLSXRows},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if n := c.read(b, path); n != benchRows+1 {
					b.Fatalf("%d rows", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
		})
	}
}

// excelizeRows iterates the rows of Sheet1 with excelize alone.
func excelizeRows(b *testing.B, path string, opts excelize.Options) int {
	f, err := excelize.OpenFile(path, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(opts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// openXLSXRows reads the whole sheet through openXLSX.
func openXLSXRows(b *testing.B, path string) int {
	src, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	n := 0
	for {
		_, _, err := src.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}
