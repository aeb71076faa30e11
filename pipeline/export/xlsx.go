package export

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"dropwatch/pipeline/query"
)

// maxSheetRows is Excel's limit of rows on a sheet, header included.
const maxSheetRows = 1 << 20

// writeWorkbook writes every source as a sheet of one workbook,
// <dir>/dropwatch-export.xlsx (or <name>.xlsx for a query), with a first
// sheet 说明 mapping each sheet's Chinese headings to the column names.
// Text is written as text, so identity numbers and codes keep every digit.
func writeWorkbook(ctx context.Context, db *sql.DB, o Options, srcs []source) ([]File, error) {
	name := "dropwatch-export"
	if o.Query != "" {
		name = srcs[0].name
	}
	final := filepath.Join(o.Dir, fileBase(name)+".xlsx")
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14, CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return nil, fmt.Errorf("workbook style: %w", err)
	}
	if err := f.SetSheetName("Sheet1", "说明"); err != nil {
		return nil, err
	}
	var files []File
	sheets := map[string]bool{"说明": true}
	for _, s := range srcs {
		sheet := sheetName(s.name, sheets)
		n, err := writeSheet(ctx, db, f, sheet, s, dateStyle)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", s.name, err)
		}
		files = append(files, File{Relation: s.name, Path: final, Sheet: sheet, Rows: n, Personal: s.personal})
	}
	if err := writeLegend(f, srcs, files); err != nil {
		return nil, err
	}
	tmp := final + ".tmp-export"
	if err := save(f, tmp); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("save workbook: %w", err)
	}
	return files, place(tmp, final)
}

func save(f *excelize.File, path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func ptr[T any](v T) *T { return &v }

// sheetName is a unique sheet name of at most 31 characters.
func sheetName(rel string, used map[string]bool) string {
	base := rel
	if i := strings.LastIndex(rel, "."); i >= 0 && strings.HasPrefix(rel, "mart.") {
		base = rel[i+1:]
	}
	base = strings.NewReplacer(":", "_", "/", "_", "\\", "_", "?", "_", "*", "_", "[", "_", "]", "_").Replace(base)
	if r := []rune(base); len(r) > 28 {
		base = string(r[:28])
	}
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	used[name] = true
	return name
}

func writeSheet(ctx context.Context, db *sql.DB, f *excelize.File, sheet string, s source, dateStyle int) (int64, error) {
	if _, err := f.NewSheet(sheet); err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	head := make([]any, len(s.cols))
	for i, c := range s.cols {
		head[i] = c.Header()
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, err
	}
	rs := &rowSink{sw: sw, dateStyle: dateStyle, sheet: sheet}
	if err := query.Stream(ctx, db, s.sql, rs); err != nil {
		return 0, err
	}
	return rs.n, sw.Flush()
}

// rowSink streams query rows into a sheet.
type rowSink struct {
	sw        *excelize.StreamWriter
	dateStyle int
	sheet     string
	n         int64
	cells     []any
}

func (r *rowSink) Columns([]query.Column) error { return nil }
func (r *rowSink) Done() error                  { return nil }

func (r *rowSink) Row(vals []any) error {
	r.n++
	if r.n+1 > maxSheetRows {
		return fmt.Errorf("工作表「%s」超过 Excel 的 1,048,576 行上限：改用 --format csv 或 parquet / more rows than Excel allows on a sheet: use csv or parquet", r.sheet)
	}
	r.cells = r.cells[:0]
	for _, v := range vals {
		r.cells = append(r.cells, r.cell(v))
	}
	cell, err := excelize.CoordinatesToCellName(1, int(r.n)+1)
	if err != nil {
		return err
	}
	return r.sw.SetRow(cell, r.cells)
}

// cell keeps numbers as numbers, dates as dates and everything else as
// text, identity numbers included.
func (r *rowSink) cell(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		return excelize.Cell{StyleID: r.dateStyle, Value: x}
	case bool, int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, float32, float64:
		return x
	}
	return query.Text(v)
}

// writeLegend fills the 说明 sheet: one row per column of every sheet.
func writeLegend(f *excelize.File, srcs []source, files []File) error {
	sw, err := f.NewStreamWriter("说明")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"工作表", "来源", "行数", "列标题", "列名", "类型", "说明"}); err != nil {
		return err
	}
	row := 2
	for i, s := range srcs {
		sheet := files[i].Sheet
		for _, c := range s.cols {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, []any{sheet, s.name, files[i].Rows, c.Header(), c.Name, c.Type, c.Comment}); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}
