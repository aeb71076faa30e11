package demotown

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxOpts are the choices one workbook makes.
type xlsxOpts struct {
	sheet     string    // name of the data sheet, the first sheet
	notes     bool      // a second sheet 说明 describes the export
	typed     bool      // date columns as date cells, small integers as numbers
	dateStyle int       // the date cells' number format, as a date style
	stamp     time.Time // document created and modified time
	title     string    // the kind's Chinese title
}

// xlsxDateFormats are the number formats of date cells by date style;
// each shows a date exactly as formatDate writes it in that style.
var xlsxDateFormats = [dateStyles]string{dateISO: "yyyy-mm-dd", dateSlash: "yyyy/m/d",
	dateDigit: "yyyymmdd", dateHan: `yyyy"年"m"月"d"日"`}

// xlsxWriter writes a workbook whose first sheet holds the rows. While
// the file is open its rows are spooled to a temporary file; Close then
// streams them through excelize's StreamWriter (which itself spills to
// disk past 16 MiB) and saves the workbook. So however many workbooks a
// pass keeps open, at most one sheet is being built in memory at a time.
// Identity numbers, codes and phone numbers are always text cells, except
// a cell marked by NumberNext.
type xlsxWriter struct {
	path   string
	opt    xlsxOpts
	kinds  []cellKind
	header []string
	tmp    *os.File
	spool  *bufio.Writer
	num    int // column of the next row written as a number, -1 none
	buf    []byte
}

// newXLSXWriter starts a workbook to be saved at path on Close; kinds
// types the columns.
func newXLSXWriter(path string, kinds []cellKind, opt xlsxOpts) (rowWriter, error) {
	tmp, err := os.CreateTemp("", "demotown-*.rows")
	if err != nil {
		return nil, err
	}
	return &xlsxWriter{path: path, opt: opt, kinds: kinds, tmp: tmp,
		spool: bufio.NewWriterSize(tmp, 32<<10), num: -1}, nil
}

// WriteHeader keeps the header row, written as text cells.
func (x *xlsxWriter) WriteHeader(cells []string) error {
	x.header = append([]string(nil), cells...)
	return nil
}

// WriteRow spools one row: the number-cell column plus one, the cell
// count, then each cell's length and bytes, as uvarints and bytes.
func (x *xlsxWriter) WriteRow(cells []string) error {
	b := binary.AppendUvarint(x.buf[:0], uint64(x.num+1))
	b = binary.AppendUvarint(b, uint64(len(cells)))
	for _, s := range cells {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	x.buf, x.num = b, -1
	_, err := x.spool.Write(b)
	return err
}

// NumberNext makes cell col of the next row a number cell.
func (x *xlsxWriter) NumberNext(col int) { x.num = col }

// Shown is how a value reads in the workbook: a date cell in its number
// format, anything else as written.
func (x *xlsxWriter) Shown(col int, v string) string {
	if x.opt.typed && x.kinds[col] == cellDate {
		if d, ok := parseDateText(v); ok {
			return formatDate(d, x.opt.dateStyle)
		}
	}
	return v
}

// Close builds and saves the workbook and removes the spool.
func (x *xlsxWriter) Close() error {
	err := x.spool.Flush()
	if err == nil {
		_, err = x.tmp.Seek(0, io.SeekStart)
	}
	if err == nil {
		err = x.build(bufio.NewReaderSize(x.tmp, 32<<10))
	}
	x.tmp.Close()
	if rerr := os.Remove(x.tmp.Name()); err == nil {
		err = rerr
	}
	return err
}

// build writes the workbook from the spooled rows: the data sheet, the
// 说明 sheet if any, and fixed document properties.
func (x *xlsxWriter) build(r *bufio.Reader) error {
	f := excelize.NewFile()
	err := f.SetSheetName(f.GetSheetName(0), x.opt.sheet)
	if err == nil {
		err = x.stream(f, r)
	}
	if err == nil && x.opt.notes {
		err = x.writeNotes(f)
	}
	if err == nil {
		stamp := x.opt.stamp.UTC().Format(time.RFC3339)
		err = f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp,
			Creator: "教育管理信息系统", LastModifiedBy: "教育管理信息系统", Title: x.opt.title})
	}
	if err == nil {
		err = f.SaveAs(x.path)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// stream writes the header and the spooled rows into the data sheet.
func (x *xlsxWriter) stream(f *excelize.File, r *bufio.Reader) error {
	sw, err := f.NewStreamWriter(x.opt.sheet)
	if err != nil {
		return err
	}
	dateFmt := 0
	if x.opt.typed {
		if dateFmt, err = f.NewStyle(&excelize.Style{CustomNumFmt: &xlsxDateFormats[x.opt.dateStyle]}); err != nil {
			return err
		}
	}
	vals := make([]any, len(x.header))
	for i, h := range x.header {
		vals[i] = h
	}
	cells := make([]string, len(x.header))
	for row := 1; err == nil; row++ {
		if err = sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
			break
		}
		var num int
		if num, err = readSpooled(r, cells); err == nil {
			for i, s := range cells {
				vals[i] = x.cell(i, s, i == num, dateFmt)
			}
		}
	}
	if err != io.EOF {
		return err
	}
	return sw.Flush()
}

// readSpooled reads one spooled row into cells and returns its
// number-cell column (-1 none); io.EOF after the last row.
func readSpooled(r *bufio.Reader, cells []string) (int, error) {
	num, err := binary.ReadUvarint(r)
	if err != nil {
		return -1, err
	}
	n, err := binary.ReadUvarint(r)
	for i := 0; i < int(n) && err == nil; i++ {
		var size uint64
		if size, err = binary.ReadUvarint(r); err == nil {
			b := make([]byte, size)
			_, err = io.ReadFull(r, b)
			cells[i] = string(b)
		}
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return int(num) - 1, err
}

// cell types one value of column i; empty values leave no cell.
func (x *xlsxWriter) cell(i int, s string, number bool, dateFmt int) any {
	switch {
	case s == "":
		return nil
	case number:
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v
		}
	case !x.opt.typed:
	case x.kinds[i] == cellDate:
		if d, ok := parseDateText(s); ok {
			return excelize.Cell{StyleID: dateFmt, Value: d.toTime()}
		}
	case x.kinds[i] == cellAuto && smallInt(s):
		n, _ := strconv.Atoi(s)
		return n
	}
	return s
}

// writeNotes adds the second sheet 说明, as exports often carry.
func (x *xlsxWriter) writeNotes(f *excelize.File) error {
	const notes = "说明"
	if _, err := f.NewSheet(notes); err != nil {
		return err
	}
	lines := [][2]any{
		{"表名", x.opt.title},
		{"导出时间", x.opt.stamp.Format("2006-01-02 15:04")},
		{"填表说明", "带★的列为必填项；身份证件号请以文本格式填写。"},
	}
	for i, l := range lines {
		if err := f.SetSheetRow(notes, "A"+strconv.Itoa(i+1), &[]any{l[0], l[1]}); err != nil {
			return err
		}
	}
	return nil
}
