package ingest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/richardlehane/mscfb"
)

// xlsRows streams the rows of one worksheet of a legacy .xls workbook
// (BIFF8), reading its cell records in stream order: Excel writes them row
// by row, so a row is complete when a cell of a later row arrives.
//
// Cells render as in an .xlsx (see numfmt.go): text as stored, a number
// with a date format as an ISO date, any other number with Excel's 15
// significant digits. Booleans read TRUE or FALSE, formula results as
// cached, error values as Excel spells them (#N/A). Merged cells read as
// stored: the value sits in the top-left cell only.
type xlsRows struct {
	br     *biffReader
	book   *biffBook
	sheet  string
	depth  int      // nesting of BOF/EOF (charts embedded in the sheet)
	cur    int      // 0-based row being assembled, -1 before the first
	rec    []string // cells of row cur
	out    []string // the row last returned
	ready  bool     // out holds a complete row to return
	outRow int
	strAt  [2]int // cell of a formula whose string result comes next, or -1
	done   bool
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK\x03\x04")
)

// openXLS opens the worksheet of a legacy .xls workbook that chooseSheet
// picks. An .xlsx workbook saved under a .xls name is read as .xlsx.
func openXLS(f *os.File) (Rows, error) {
	if hasMagic(f, zipMagic) {
		return openXLSX(f) // an .xlsx workbook under an .xls name
	}
	x, err := streamXLS(fileReader(f))
	if err != nil {
		return nil, errWorkbook(".xls", err)
	}
	return x, nil
}

// streamXLS reads the workbook globals, chooses the sheet and positions
// the reader on its first record.
func streamXLS(f io.ReaderAt) (*xlsRows, error) {
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, fmt.Errorf("不是 Excel 97-2003 文件: %w", err)
	}
	stream, err := workbookStream(doc)
	if err != nil {
		return nil, err
	}
	br := &biffReader{r: bufio.NewReaderSize(stream, 1<<16)}
	book, err := readGlobals(br)
	if err != nil {
		return nil, err
	}
	sheets := make([]sheetInfo, len(book.sheets))
	for i, s := range book.sheets {
		sheets[i] = s.sheetInfo
	}
	i := chooseSheet(sheets)
	if i < 0 {
		return nil, errors.New("工作簿中没有工作表")
	}
	if _, err := stream.Seek(book.sheets[i].offset, io.SeekStart); err != nil {
		return nil, fmt.Errorf("工作表「%s」: %w", book.sheets[i].Name, err)
	}
	br.r.Reset(stream)
	x := &xlsRows{br: br, book: book, sheet: book.sheets[i].Name, cur: -1, strAt: [2]int{-1, -1}}
	return x, x.sheetBOF()
}

// workbookStream finds the BIFF8 stream of an OLE2 compound file.
func workbookStream(doc *mscfb.Reader) (*mscfb.File, error) {
	var biff5, encrypted bool
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "Workbook":
			return entry, nil
		case "Book":
			biff5 = true
		case "EncryptedPackage":
			encrypted = true
		}
	}
	switch {
	case encrypted:
		return nil, errors.New("文件已加密，需要密码才能打开")
	case biff5:
		return nil, errors.New("这是 Excel 95 或更早的格式")
	}
	return nil, errors.New("文件中没有 Excel 工作簿数据")
}

// sheetBOF checks that the chosen sheet starts with a worksheet BOF.
func (x *xlsRows) sheetBOF() error {
	id, data, err := x.br.next()
	if err != nil {
		return err
	}
	if id != recBOF || len(data) < 4 || le16(data, 2) != bofWorksheet {
		return fmt.Errorf("工作表「%s」的位置信息有误", x.sheet)
	}
	x.depth = 1
	return nil
}

func (x *xlsRows) Sheet() string { return x.sheet }

// Close releases nothing: the caller owns the file.
func (x *xlsRows) Close() error { return nil }

func (x *xlsRows) Next() ([]string, int, error) {
	for !x.ready && !x.done {
		id, data, err := x.br.next()
		if err != nil {
			return nil, 0, errWorkbook(".xls", err)
		}
		if err := x.record(id, data); err != nil {
			return nil, 0, errWorkbook(".xls", fmt.Errorf("工作表「%s」: %w", x.sheet, err))
		}
	}
	if !x.ready && x.cur >= 0 { // the last row
		x.out, x.rec = x.rec, x.out[:0]
		x.outRow, x.cur, x.ready = x.cur+1, -1, true
	}
	if !x.ready {
		return nil, 0, io.EOF
	}
	x.ready = false
	return x.out, x.outRow, nil
}

// record takes in one record of the sheet substream.
func (x *xlsRows) record(id uint16, data []byte) error {
	switch id {
	case recBOF:
		x.depth++
		return nil
	case recEOF:
		x.depth--
		x.done = x.depth == 0
		return nil
	}
	if x.depth != 1 {
		return nil
	}
	switch id {
	case recLabelSST, recLabel, recRString, recNumber, recRK, recBoolErr:
		return x.single(id, data)
	case recMulRK:
		return x.mulRK(data)
	case recFormula:
		return x.formula(data)
	case recString:
		return x.formulaString(data)
	}
	return nil
}

// single takes a record holding one cell: row, column, style, value.
func (x *xlsRows) single(id uint16, data []byte) error {
	if len(data) < 7 {
		return errShortField
	}
	row, col, xf, v := int(le16(data, 0)), int(le16(data, 2)), le16(data, 4), data[6:]
	var s string
	switch id {
	case recLabelSST:
		if len(v) < 4 {
			return errShortField
		}
		i := int(binary.LittleEndian.Uint32(v))
		if i >= len(x.book.sst) {
			return fmt.Errorf("共享字符串编号 %d 超出范围", i)
		}
		s = x.book.sst[i]
	case recLabel, recRString:
		if len(v) < 3 {
			return errShortField
		}
		var err error
		if s, err = plainString(v[2:], int(le16(v, 0))); err != nil {
			return err
		}
	case recNumber:
		if len(v) < 8 {
			return errShortField
		}
		s = x.number(xf, math.Float64frombits(binary.LittleEndian.Uint64(v)))
	case recRK:
		if len(v) < 4 {
			return errShortField
		}
		s = x.number(xf, rkValue(binary.LittleEndian.Uint32(v)))
	case recBoolErr:
		if len(v) < 2 {
			return errShortField
		}
		s = boolErr(v[0], v[1] == 1)
	}
	return x.put(row, col, s)
}

// mulRK takes several RK numbers in adjacent columns of one row.
func (x *xlsRows) mulRK(data []byte) error {
	if len(data) < 6 || (len(data)-6)%6 != 0 {
		return errShortField
	}
	row, col := int(le16(data, 0)), int(le16(data, 2))
	for p := 4; p+6 <= len(data)-2; p += 6 {
		v := x.number(le16(data, p), rkValue(binary.LittleEndian.Uint32(data[p+2:])))
		if err := x.put(row, col, v); err != nil {
			return err
		}
		col++
	}
	return nil
}

// formula takes the cached result of a formula. A string result follows
// in a STRING record.
func (x *xlsRows) formula(data []byte) error {
	if len(data) < 14 {
		return errShortField
	}
	row, col, xf, res := int(le16(data, 0)), int(le16(data, 2)), le16(data, 4), data[6:14]
	if le16(res, 6) != 0xFFFF {
		return x.put(row, col, x.number(xf, math.Float64frombits(binary.LittleEndian.Uint64(res))))
	}
	switch res[0] {
	case 0:
		x.strAt = [2]int{row, col}
	case 1:
		return x.put(row, col, boolErr(res[2], false))
	case 2:
		return x.put(row, col, boolErr(res[2], true))
	}
	return nil
}

func (x *xlsRows) formulaString(data []byte) error {
	if x.strAt[0] < 0 || len(data) < 3 {
		return nil
	}
	s, err := plainString(data[2:], int(le16(data, 0)))
	if err != nil {
		return err
	}
	row, col := x.strAt[0], x.strAt[1]
	x.strAt = [2]int{-1, -1}
	return x.put(row, col, s)
}

// put places a non-empty cell. A cell of a later row completes the row
// being assembled.
func (x *xlsRows) put(row, col int, s string) error {
	if s == "" {
		return nil
	}
	switch {
	case row < x.cur:
		return fmt.Errorf("第%d行的单元格出现在第%d行之后，记录顺序异常", row+1, x.cur+1)
	case row > x.cur && x.cur >= 0:
		x.out, x.rec = x.rec, x.out[:0]
		x.outRow, x.ready = x.cur+1, true
	}
	x.cur = row
	for len(x.rec) <= col {
		x.rec = append(x.rec, "")
	}
	x.rec[col] = s
	return nil
}

func (x *xlsRows) number(xf uint16, v float64) string {
	return renderNumber(v, x.book.numberKind(xf), x.book.date1904)
}
