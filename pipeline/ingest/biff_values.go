package ingest

import (
	"encoding/binary"
	"fmt"
	"math"
)

// This file decodes BIFF8 cell values: shared strings, RK numbers,
// booleans and error codes.

// maxSSTPrealloc bounds the slice made up front for the shared strings, so
// a corrupt count cannot ask for gigabytes.
const maxSSTPrealloc = 1 << 16

// readSST decodes the shared string table: the SST record and its CONTINUE
// records. Each string is a character count, an option byte (bit 0: two
// bytes a character, bit 2: phonetic data follows, bit 3: formatting runs
// follow), the sizes of those extras, the characters, then the extras,
// which are skipped. Strings may span records anywhere; see recCursor.
func readSST(segs [][]byte) ([]string, error) {
	c := &recCursor{segs: segs}
	head, err := c.take(8)
	if err != nil {
		return nil, fmt.Errorf("共享字符串表: %w", err)
	}
	n := int(binary.LittleEndian.Uint32(head[4:]))
	out := make([]string, 0, min(n, maxSSTPrealloc))
	var buf []uint16
	for len(out) < n {
		s, err := c.sstString(&buf)
		if err != nil {
			return nil, fmt.Errorf("共享字符串表第%d项: %w", len(out)+1, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// sstString reads one XLUnicodeRichExtendedString.
func (c *recCursor) sstString(buf *[]uint16) (string, error) {
	head, err := c.take(3)
	if err != nil {
		return "", err
	}
	cch, flags := int(binary.LittleEndian.Uint16(head)), head[2]
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		b, err := c.take(2)
		if err != nil {
			return "", err
		}
		runs = int(binary.LittleEndian.Uint16(b))
	}
	if flags&0x04 != 0 {
		b, err := c.take(4)
		if err != nil {
			return "", err
		}
		ext = int(binary.LittleEndian.Uint32(b))
	}
	if cap(*buf) < cch {
		*buf = make([]uint16, 0, cch)
	}
	s, err := c.chars(cch, flags&1 != 0, *buf)
	if err != nil {
		return "", err
	}
	return s, c.skip(4*runs + ext)
}

// rkValue decodes an RK number: a 30-bit signed integer or the top 30 bits
// of a float64, either possibly scaled by 100.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// boolErr spells a boolean or an error value as Excel shows it.
func boolErr(v byte, isErr bool) string {
	if !isErr {
		if v != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	switch v {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	}
	return "#N/A"
}
