package ingest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// This file reads the parts of a BIFF8 workbook stream (Excel 97-2003,
// [MS-XLS]) that a roster needs: the workbook globals (sheets, shared
// strings, number formats, cell styles, date system) and the records of
// a sheet one at a time. The stream is taken out of its OLE2 container by
// github.com/richardlehane/mscfb.

// BIFF8 record ids.
const (
	recFormula    = 0x0006
	recEOF        = 0x000A
	recDateMode   = 0x0022
	recFilePass   = 0x002F
	recContinue   = 0x003C
	recBoundSheet = 0x0085
	recMulRK      = 0x00BD
	recRString    = 0x00D6
	recXF         = 0x00E0
	recSST        = 0x00FC
	recLabelSST   = 0x00FD
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recString     = 0x0207
	recRK         = 0x027E
	recFormat     = 0x041E
	recBOF        = 0x0809
)

const (
	biff8Version  = 0x0600
	bofGlobals    = 0x0005
	bofWorksheet  = 0x0010
	maxRecordSize = 8224
)

var (
	errTruncated  = errors.New("数据在中途截断")
	errShortField = errors.New("记录长度与内容不符")
)

// biffReader reads the records of a BIFF stream in order.
type biffReader struct {
	r   *bufio.Reader
	hdr [4]byte
	buf [maxRecordSize]byte
}

// next returns the next record; its data is valid until the next call.
// A stream that ends before its EOF record is truncated.
func (b *biffReader) next() (uint16, []byte, error) {
	if _, err := io.ReadFull(b.r, b.hdr[:]); err != nil {
		return 0, nil, fmt.Errorf("%w: %w", errTruncated, err)
	}
	id := binary.LittleEndian.Uint16(b.hdr[:])
	n := int(binary.LittleEndian.Uint16(b.hdr[2:]))
	if n > len(b.buf) {
		return 0, nil, fmt.Errorf("记录 0x%04X 长 %d 字节，超过 BIFF8 上限", id, n)
	}
	if _, err := io.ReadFull(b.r, b.buf[:n]); err != nil {
		return 0, nil, fmt.Errorf("%w: %w", errTruncated, err)
	}
	return id, b.buf[:n], nil
}

// biffSheet is a worksheet named in the workbook globals.
type biffSheet struct {
	sheetInfo
	offset int64 // stream position of the sheet's BOF record
}

// biffBook holds the workbook globals.
type biffBook struct {
	sheets   []biffSheet
	sst      []string
	formats  map[int]string // format codes the file spells out, by id
	xfFormat []int          // number format id by cell style (XF) index
	date1904 bool
	xfKinds  []numFmtKind // how a number is rendered, by XF index
}

// readGlobals reads the workbook globals substream, from the first BOF to
// its EOF.
func readGlobals(br *biffReader) (*biffBook, error) {
	id, data, err := br.next()
	if err != nil {
		return nil, err
	}
	if id != recBOF || len(data) < 4 || le16(data, 0) != biff8Version || le16(data, 2) != bofGlobals {
		return nil, errors.New("不是 Excel 97-2003（BIFF8）工作簿，可能是 Excel 95 或更早的格式")
	}
	book := &biffBook{formats: map[int]string{}}
	var sst [][]byte // the SST record and its CONTINUE records
	for {
		if id, data, err = br.next(); err != nil {
			return nil, err
		}
		if id == recContinue && sst != nil {
			sst = append(sst, append([]byte(nil), data...))
			continue
		}
		if sst != nil {
			if book.sst, err = readSST(sst); err != nil {
				return nil, err
			}
			sst = nil
		}
		if id == recEOF {
			book.classifyXFs()
			return book, nil
		}
		if id == recSST {
			sst = [][]byte{append([]byte(nil), data...)}
			continue
		}
		if err := book.global(id, data); err != nil {
			return nil, err
		}
	}
}

// global takes in one workbook globals record.
func (b *biffBook) global(id uint16, data []byte) error {
	switch id {
	case recFilePass:
		return errors.New("文件已加密，需要密码才能打开")
	case recDateMode:
		b.date1904 = len(data) >= 2 && le16(data, 0) == 1
	case recXF:
		if len(data) < 4 {
			return errShortField
		}
		b.xfFormat = append(b.xfFormat, int(le16(data, 2)))
	case recFormat:
		if len(data) < 5 {
			return errShortField
		}
		s, err := plainString(data[4:], int(le16(data, 2)))
		if err != nil {
			return err
		}
		b.formats[int(le16(data, 0))] = s
	case recBoundSheet:
		return b.boundSheet(data)
	}
	return nil
}

// boundSheet records a sheet: its stream offset, visibility, type and name.
func (b *biffBook) boundSheet(data []byte) error {
	if len(data) < 8 {
		return errShortField
	}
	name, err := plainString(data[7:], int(data[6]))
	if err != nil {
		return err
	}
	if data[5] != 0 { // a chart, macro or VBA sheet holds no rows
		return nil
	}
	b.sheets = append(b.sheets, biffSheet{
		sheetInfo: sheetInfo{Name: name, Hidden: data[4]&3 != 0},
		offset:    int64(binary.LittleEndian.Uint32(data)),
	})
	return nil
}

func (b *biffBook) classifyXFs() {
	b.xfKinds = make([]numFmtKind, len(b.xfFormat))
	for i, id := range b.xfFormat {
		b.xfKinds[i] = classifyNumFmt(id, b.formats[id])
	}
}

// numberKind says how a number in a cell of style xf is rendered.
func (b *biffBook) numberKind(xf uint16) numFmtKind {
	if int(xf) < len(b.xfKinds) {
		return b.xfKinds[xf]
	}
	return fmtNumber
}

func le16(b []byte, off int) uint16 { return binary.LittleEndian.Uint16(b[off:]) }

// plainString decodes a string that does not span records: an option
// byte (bit 0: two bytes a character) and cch characters.
func plainString(b []byte, cch int) (string, error) {
	c := &recCursor{segs: [][]byte{b}}
	flags, err := c.byte()
	if err != nil {
		return "", err
	}
	return c.chars(cch, flags&1 != 0, nil)
}

// recCursor reads a record and its CONTINUE records as one byte sequence,
// except inside the characters of a string, where each new record starts
// with a fresh option byte.
type recCursor struct {
	segs [][]byte
	seg  int
	pos  int
}

// take returns the next n bytes, which may span records.
func (c *recCursor) take(n int) ([]byte, error) {
	for c.seg < len(c.segs) && c.pos == len(c.segs[c.seg]) {
		c.seg, c.pos = c.seg+1, 0
	}
	if c.seg < len(c.segs) && len(c.segs[c.seg])-c.pos >= n {
		b := c.segs[c.seg][c.pos : c.pos+n]
		c.pos += n
		return b, nil
	}
	out := make([]byte, 0, n)
	for len(out) < n {
		for c.seg < len(c.segs) && c.pos == len(c.segs[c.seg]) {
			c.seg, c.pos = c.seg+1, 0
		}
		if c.seg == len(c.segs) {
			return nil, errShortField
		}
		k := min(n-len(out), len(c.segs[c.seg])-c.pos)
		out = append(out, c.segs[c.seg][c.pos:c.pos+k]...)
		c.pos += k
	}
	return out, nil
}

func (c *recCursor) byte() (byte, error) {
	b, err := c.take(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// skip passes over n bytes that may span records.
func (c *recCursor) skip(n int) error {
	for n > 0 {
		if c.seg == len(c.segs) {
			return errShortField
		}
		k := min(n, len(c.segs[c.seg])-c.pos)
		c.pos += k
		n -= k
		if c.pos == len(c.segs[c.seg]) {
			c.seg, c.pos = c.seg+1, 0
		}
	}
	return nil
}

// chars decodes cch characters, one byte each (Latin-1) or UTF-16LE. buf
// is scratch space for the UTF-16 code units.
func (c *recCursor) chars(cch int, wide bool, buf []uint16) (string, error) {
	buf = buf[:0]
	for len(buf) < cch {
		if c.seg < len(c.segs) && c.pos == len(c.segs[c.seg]) {
			c.seg, c.pos = c.seg+1, 0
			flags, err := c.byte() // a string continued in a new record
			if err != nil {
				return "", err
			}
			wide = flags&1 != 0
		}
		if c.seg == len(c.segs) {
			return "", errShortField
		}
		seg := c.segs[c.seg][c.pos:]
		size := 1
		if wide {
			size = 2
		}
		k := min(cch-len(buf), len(seg)/size)
		if k == 0 {
			return "", errShortField
		}
		for i := 0; i < k; i++ {
			if wide {
				buf = append(buf, binary.LittleEndian.Uint16(seg[2*i:]))
			} else {
				buf = append(buf, uint16(seg[i]))
			}
		}
		c.pos += k * size
	}
	return string(utf16.Decode(buf)), nil
}
