package cells

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// utf8Strict passes valid UTF-8 through unchanged and stops with an
// *Error at the first invalid byte or NUL. offset counts the bytes of the
// file consumed before the current call, so errors can name a position.
type utf8Strict struct{ offset int64 }

// Reset keeps the offset: the transformer is used once, for one file.
func (u *utf8Strict) Reset() {}

// Transform implements transform.Transformer.
func (u *utf8Strict) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	defer func() { u.offset += int64(nSrc) }()
	nDst, nSrc = copyValid(dst, src)
	for nSrc < len(src) {
		if nDst, nSrc = copyASCII(dst, src, nDst, nSrc); nSrc == len(src) {
			break
		}
		c := src[nSrc]
		if c != 0 && c < utf8.RuneSelf {
			return nDst, nSrc, transform.ErrShortDst // dst is full
		}
		if c != 0 && !utf8.FullRune(src[nSrc:]) {
			if atEOF {
				return nDst, nSrc, u.bad(nSrc)
			}
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if c == 0 || r == utf8.RuneError && size == 1 {
			return nDst, nSrc, u.bad(nSrc)
		}
		if nDst+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		nSrc += size
	}
	return nDst, nSrc, nil
}

// copyValid copies the longest prefix of src that fits in dst, ends on a
// whole character, and is valid UTF-8 without NUL, when that prefix is
// everything up to that end (utf8.Valid checks eight bytes at a time);
// otherwise it copies nothing and the caller goes character by character.
func copyValid(dst, src []byte) (int, int) {
	n := min(len(src), len(dst))
	for i := n - 1; i >= 0 && i >= n-utf8.UTFMax; i-- {
		if utf8.RuneStart(src[i]) {
			if !utf8.FullRune(src[i:n]) {
				n = i
			}
			break
		}
	}
	if n == 0 || !utf8.Valid(src[:n]) || bytes.IndexByte(src[:n], 0) >= 0 {
		return 0, 0
	}
	return copy(dst, src[:n]), n
}

// copyASCII copies the run of ASCII bytes (NUL excepted) at src[nSrc:] to
// dst[nDst:], as far as dst has room: both decoders pass ASCII through.
func copyASCII(dst, src []byte, nDst, nSrc int) (int, int) {
	for nSrc < len(src) && nDst < len(dst) {
		c := src[nSrc]
		if c == 0 || c >= utf8.RuneSelf {
			break
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc
}

// bad reports an invalid byte at index i of the current source.
func (u *utf8Strict) bad(i int) error {
	return fail(reasonBadBytes(UTF8, u.offset+int64(i)))
}

// gbReplacement is U+FFFD encoded in GB18030, the one sequence allowed to
// decode to U+FFFD.
var gbReplacement = []byte{0x84, 0x31, 0xA4, 0x37}

// gbStrict decodes GB18030 to UTF-8 and stops with an *Error at the first
// byte sequence that is malformed or unmapped, where the decoder of
// golang.org/x/text would silently emit U+FFFD. Each multi-byte sequence
// is delimited here and then decoded on its own by that decoder.
type gbStrict struct {
	offset int64
	dec    transform.Transformer
	out    [utf8.UTFMax]byte // scratch of decode, kept here to avoid an allocation per character
}

// newGBStrict returns a strict GB18030 decoder positioned at offset 0.
func newGBStrict() *gbStrict {
	return &gbStrict{dec: simplifiedchinese.GB18030.NewDecoder()}
}

// Reset keeps the offset: the transformer is used once, for one file.
func (g *gbStrict) Reset() {}

// Transform implements transform.Transformer.
func (g *gbStrict) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	defer func() { g.offset += int64(nSrc) }()
	for nSrc < len(src) {
		if nDst, nSrc = copyASCII(dst, src, nDst, nSrc); nSrc == len(src) {
			break
		}
		c := src[nSrc]
		if c != 0 && c < utf8.RuneSelf {
			return nDst, nSrc, transform.ErrShortDst // dst is full
		}
		size := gbSeqLen(src[nSrc:], atEOF)
		if size < 0 {
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, ok := g.decode(src[nSrc : nSrc+size])
		if !ok {
			return nDst, nSrc, fail(reasonBadBytes(GB18030, g.offset+int64(nSrc)))
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}

// gbSeqLen returns the length of the GB18030 sequence starting b (whose
// first byte is NUL or not ASCII): 1, 2 or 4; 0 when the bytes cannot
// start a valid sequence; -1 when more bytes are needed and may come.
func gbSeqLen(b []byte, atEOF bool) int {
	switch c0 := b[0]; {
	case c0 == 0x80:
		return 1 // the euro sign of code page 936
	case c0 == 0 || c0 == 0xFF:
		return 0
	}
	need := 2
	if len(b) >= 2 && b[1] >= 0x30 && b[1] <= 0x39 {
		need = 4
	}
	if len(b) < need {
		if atEOF {
			return 0
		}
		return -1
	}
	c1 := b[1]
	switch {
	case need == 2 && (c1 >= 0x40 && c1 <= 0x7E || c1 >= 0x80 && c1 <= 0xFE):
		return 2
	case need == 4 && b[2] >= 0x81 && b[2] <= 0xFE && b[3] >= 0x30 && b[3] <= 0x39:
		return 4
	}
	return 0
}

// decode decodes one complete sequence; ok is false for a malformed or
// unmapped one.
func (g *gbStrict) decode(seq []byte) (rune, bool) {
	if len(seq) == 0 {
		return 0, false
	}
	n, m, err := g.dec.Transform(g.out[:], seq, true)
	if err != nil || m != len(seq) {
		return 0, false
	}
	r, _ := utf8.DecodeRune(g.out[:n])
	if r == utf8.RuneError && !bytes.Equal(seq, gbReplacement) {
		return 0, false
	}
	return r, true
}
