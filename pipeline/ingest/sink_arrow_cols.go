//go:build duckdb_arrow

package ingest

import (
	"encoding/binary"
	"slices"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// batchCol is one column of the batch being built, kept in plain Go
// slices that become the buffers of an Arrow array when the batch is full,
// without a copy. Appending a cell is an append to a slice. Arrow's
// builders check their capacity at every cell (a string builder its
// offsets and its bytes as well): building the batches of a county
// attendance file (a million rows of thirteen cells) took them 0.28 s of
// CPU, these columns 0.17 s (docs/benchmarks.md).
type batchCol struct {
	typ   arrow.DataType
	id    arrow.Type // typ.ID(), asked once: an interface call at every cell cost a tenth of the appends
	n     int        // cells so far
	nulls int        // of which NULL
	valid []byte     // validity bitmap, a bit per cell, begun at the first NULL (mark)
	fixed []byte     // fixed-width values, little-endian as Arrow's are on amd64 and arm64
	width int        // bytes per fixed-width value; 0 for strings and booleans
	bits  []byte     // boolean values, a bit per cell
	offs  []int32
	data  []byte // string bytes
}

func newBatchCol(t arrow.DataType) *batchCol {
	c := &batchCol{typ: t, id: t.ID()}
	if fw, ok := t.(arrow.FixedWidthDataType); ok && t.ID() != arrow.BOOL {
		c.width = fw.BitWidth() / 8
	}
	c.reset()
	return c
}

// reset empties the column for the next batch with fresh slices as large
// as the last batch's: the arrays made of the old ones may still be read.
func (c *batchCol) reset() {
	c.n, c.nulls = 0, 0
	c.valid = make([]byte, 0, cap(c.valid))
	c.bits = make([]byte, 0, cap(c.bits))
	c.fixed = make([]byte, 0, cap(c.fixed))
	c.data = make([]byte, 0, cap(c.data))
	c.offs = append(make([]int32, 0, max(cap(c.offs), 1)), 0)
}

// mark records whether the cell just appended is valid (not NULL). The
// validity bitmap is begun at the column's first NULL: most columns of a
// batch have none, and need no bit per cell.
func (c *batchCol) mark(valid bool) {
	if valid && c.nulls == 0 {
		c.n++
		return
	}
	if c.nulls == 0 { // the first NULL: every cell before it is valid
		c.valid = c.valid[:0]
		for range c.n >> 3 {
			c.valid = append(c.valid, 0xFF)
		}
		if c.n&7 != 0 {
			c.valid = append(c.valid, byte(1)<<(c.n&7)-1)
		}
	}
	if c.n&7 == 0 {
		c.valid = append(c.valid, 0)
	}
	if valid {
		c.valid[c.n>>3] |= 1 << (c.n & 7)
	} else {
		c.nulls++
	}
	c.n++
}

// cell appends t as the column stores it: the text, or the parsed value
// (NULL when the cell did not parse), as storedValue does for the
// appender.
func (c *batchCol) cell(t text) {
	switch c.id {
	case arrow.STRING:
		c.str(t.s, t.set)
	case arrow.BOOL:
		c.boolean(t.ok && t.num != 0, t.ok)
	default:
		v := t.num
		if !t.ok {
			v = 0
		}
		c.number(int64(v), t.ok)
	}
}

func (c *batchCol) str(s string, valid bool) {
	if valid {
		c.data = append(c.data, s...)
	}
	c.offs = append(c.offs, int32(len(c.data)))
	c.mark(valid)
}

func (c *batchCol) boolean(b, valid bool) {
	if c.n&7 == 0 {
		c.bits = append(c.bits, 0)
	}
	if b {
		c.bits[c.n>>3] |= 1 << (c.n & 7)
	}
	c.mark(valid)
}

// number appends v in the column's width (1, 2, 4 or 8 bytes).
func (c *batchCol) number(v int64, valid bool) {
	n := len(c.fixed)
	if cap(c.fixed)-n < c.width {
		c.fixed = slices.Grow(c.fixed, c.width)
	}
	c.fixed = c.fixed[:n+c.width]
	switch c.width {
	case 1:
		c.fixed[n] = byte(v)
	case 2:
		binary.LittleEndian.PutUint16(c.fixed[n:], uint16(v))
	case 4:
		binary.LittleEndian.PutUint32(c.fixed[n:], uint32(v))
	default:
		binary.LittleEndian.PutUint64(c.fixed[n:], uint64(v))
	}
	c.mark(valid)
}

// array hands the column's slices to a new Arrow array and resets it.
func (c *batchCol) array() arrow.Array {
	var validity *memory.Buffer
	if c.nulls > 0 {
		validity = memory.NewBufferBytes(c.valid)
	}
	bufs := []*memory.Buffer{validity, memory.NewBufferBytes(c.fixed)}
	switch c.id {
	case arrow.STRING:
		offs := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c.offs))), 4*len(c.offs))
		bufs = []*memory.Buffer{validity, memory.NewBufferBytes(offs), memory.NewBufferBytes(c.data)}
	case arrow.BOOL:
		bufs[1] = memory.NewBufferBytes(c.bits)
	}
	d := array.NewData(c.typ, c.n, bufs, nil, c.nulls, 0)
	defer d.Release()
	c.reset()
	return array.MakeFromData(d)
}
