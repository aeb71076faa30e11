package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// xlsxRows streams the rows of one sheet of an .xlsx workbook.
//
// Row numbers: excelize's Rows iterator reads the r attribute of each
// <row> element, and its Next also stops at every row the XML leaves out
// (an empty row), for which Columns returns nothing. So the count of
// Next calls is the spreadsheet's row number; empty rows are counted and
// skipped here.
//
// Cell text: see normalizeStyles. Merged cells read as stored: the value
// sits in the top-left cell and the other cells of the range are empty
// (excelize lists merges after the rows, so a stream cannot fill them in).
type xlsxRows struct {
	f     *excelize.File
	rows  *excelize.Rows
	sheet string
	row   int // spreadsheet row of the last row read
}

// openXLSX opens the sheet of an .xlsx or .xlsm workbook that chooseSheet
// picks. A file that is not a readable workbook is rejected, and so is one
// whose parts are damaged or too large (checkXLSX): excelize's row stream
// stops silently at the first XML error, so without the check a damaged
// sheet would load its first rows only.
func openXLSX(file *os.File) (Rows, error) {
	if hasMagic(file, oleMagic) {
		return openXLS(file) // a legacy workbook under an .xlsx name
	}
	b, err := readAllLimited(file, maxXLSXFile)
	if err != nil {
		return nil, err
	}
	if err := checkXLSX(b); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{ShortDatePattern: isoDatePattern,
		UnzipSizeLimit: maxXLSXTotal})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, errWorkbook(".xlsx", err)
	}
	x, err := streamSheet(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func streamSheet(f *excelize.File) (*xlsxRows, error) {
	names := f.GetSheetList()
	sheets := make([]sheetInfo, len(names))
	for i, name := range names {
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			return nil, errWorkbook(".xlsx", err)
		}
		sheets[i] = sheetInfo{Name: name, Hidden: !visible}
	}
	i := chooseSheet(sheets)
	if i < 0 {
		return nil, errEmptyFile()
	}
	normalizeStyles(f)
	rows, err := f.Rows(names[i])
	if err != nil {
		return nil, errWorkbook(".xlsx", err)
	}
	return &xlsxRows{f: f, rows: rows, sheet: names[i]}, nil
}

func (x *xlsxRows) Sheet() string { return x.sheet }

func (x *xlsxRows) Next() ([]string, int, error) {
	for x.rows.Next() {
		x.row++
		cols, err := x.rows.Columns()
		if err != nil {
			return nil, 0, errWorkbook(".xlsx", fmt.Errorf("第%d行: %w", x.row, err))
		}
		if len(cols) > 0 {
			return cols, x.row, nil
		}
	}
	if err := x.rows.Error(); err != nil {
		return nil, 0, errWorkbook(".xlsx", err)
	}
	return nil, 0, io.EOF
}

func (x *xlsxRows) Close() error {
	rerr := x.rows.Close()
	if err := x.f.Close(); err != nil {
		return fmt.Errorf("close workbook: %w", err)
	}
	if rerr != nil {
		return fmt.Errorf("close sheet %s: %w", x.sheet, rerr)
	}
	return nil
}

// Number format ids excelize renders the way the cell parsers want, given
// Options.ShortDatePattern = isoDatePattern: 14 as yyyy-mm-dd, 22 as
// yyyy-mm-dd hh:mm, 49 (text, "@") as the value as stored.
const (
	numFmtISODate     = 14
	numFmtISODateTime = builtInDateTime
	numFmtAsStored    = 49
)

// normalizeStyles rewrites, in memory only, the number format of every
// cell style of f, so that excelize's formatted values are what the cell
// parsers accept whatever the workbook's locale or formats:
//
//   - a date format becomes yyyy-mm-dd (or yyyy-mm-dd hh:mm with a time):
//     a date cell reads 2019-08-31, not 8/31/2019 or 2019年8月31日;
//   - every other format becomes "@", under which excelize gives a number
//     as stored, at Excel's 15 significant digits: 2143052103 stays
//     2143052103, an identity number stored as a number reads
//     430521201603070000 or 4.3052120160307E+17, and a rounding or
//     thousands format cannot hide the stored value;
//   - text cells are untouched by any of this.
//
// excelize offers no per-cell type in its row stream, and its raw values
// leave dates as day counts, so the styles are adjusted instead: the
// style sheet is an exported field whose elements are set here through
// their exported fields. A style sheet that excelize could not read is
// left alone.
func normalizeStyles(f *excelize.File) {
	s := f.Styles
	if s == nil || s.CellXfs == nil {
		return
	}
	codes := map[int]string{}
	if s.NumFmts != nil {
		for _, nf := range s.NumFmts.NumFmt {
			codes[nf.NumFmtID] = nf.FormatCode
			if nf.FormatCode16 != "" {
				codes[nf.NumFmtID] = nf.FormatCode16
			}
		}
		// A workbook may spell out a built-in id; ours must mean ours.
		for _, nf := range s.NumFmts.NumFmt {
			if nf.NumFmtID == numFmtISODate || nf.NumFmtID == numFmtISODateTime || nf.NumFmtID == numFmtAsStored {
				nf.NumFmtID = -1
			}
		}
	}
	for i := range s.CellXfs.Xf {
		xf := &s.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		target := numFmtAsStored
		switch classifyNumFmt(id, codes[id]) {
		case fmtDate:
			target = numFmtISODate
		case fmtDateTime:
			target = numFmtISODateTime
		}
		xf.NumFmtID = &target
	}
}

// hasMagic reports whether the file starts with magic.
func hasMagic(f *os.File, magic []byte) bool {
	b := make([]byte, len(magic))
	_, err := f.ReadAt(b, 0)
	return err == nil && bytes.Equal(b, magic)
}

// errWorkbook rejects a workbook that cannot be read as the format its
// extension names.
func errWorkbook(ext string, err error) *RejectError {
	return reject("文件无法按 %s 格式读取（可能已损坏、未下载或复制完整，或扩展名与实际格式不符）：%v；请用 Excel 或 WPS 打开后另存为 .xlsx 再放入", ext, err)
}
