package cells

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Encoding names the text encoding detected for a CSV file.
type Encoding string

// The encodings NewDecoder recognises.
const (
	// UTF8 is UTF-8 without a byte-order mark.
	UTF8 Encoding = "UTF-8"
	// UTF8BOM is UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
	UTF8BOM Encoding = "UTF-8 BOM"
	// GB18030 is GB18030, a superset of GBK and GB2312 (what Excel on a
	// Chinese Windows saves as plain "CSV").
	GB18030 Encoding = "GB18030"
)

// sniffSize is how much of a file NewDecoder inspects before deciding.
const sniffSize = 64 << 10

// Magic numbers of files that are not text.
var (
	bomUTF8   = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16L = []byte{0xFF, 0xFE}
	bomUTF16B = []byte{0xFE, 0xFF}
	magicZip  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// NewDecoder detects the encoding of a CSV file and returns a reader of
// its text as UTF-8, without a byte-order mark.
//
// It reads the first 64 KiB (and up to 3 more bytes, so that a character
// cut by the 64 KiB mark is whole) to decide, then streams the rest:
//   - a UTF-8 byte-order mark means UTF8BOM (the mark is stripped);
//   - a UTF-16 byte-order mark, a NUL byte, or the magic number of an
//     Excel workbook (xlsx or xls saved with a .csv name) is an *Error
//     saying what the file is and to save it as "CSV UTF-8";
//   - otherwise, if the window is valid UTF-8 the file is UTF8, else if it
//     is valid GB18030 the file is GB18030, else it is rejected with an
//     *Error telling the clerk to save it as "CSV UTF-8" in Excel.
//
// UTF-8 is tried first on purpose. Chinese text in GBK is practically
// never valid UTF-8 (a GBK lead byte is almost always followed by a byte
// UTF-8 cannot accept there), so a window with any Chinese in it decides
// reliably; a window of pure ASCII reads the same in both encodings, and
// UTF-8 is then as right as GB18030. The one case this cannot get right is
// a file whose first 64 KiB are pure ASCII and whose later bytes are GBK;
// no rows of the office's files look like that (every row holds a name),
// and such a file fails loudly, as below, rather than being misread.
//
// Nothing is ever silently replaced by U+FFFD: if bytes after the window
// turn out invalid in the chosen encoding (a file mixing encodings, or
// truncated), the returned reader yields the text before them and then an
// *Error naming the approximate byte offset. Read errors of r are passed
// through unchanged.
func NewDecoder(r io.Reader) (io.Reader, Encoding, error) {
	return newDecoder(r, sniffSize)
}

// newDecoder is NewDecoder with a sniff window of the given size; tests
// use small windows to exercise the streaming checks.
func newDecoder(r io.Reader, window int) (io.Reader, Encoding, error) {
	head, atEOF, err := readHead(r, window)
	if err != nil {
		return nil, "", err
	}
	enc, skip, err := sniff(head, atEOF)
	if err != nil {
		return nil, "", err
	}
	var src io.Reader = bytes.NewReader(head[skip:])
	if !atEOF {
		src = io.MultiReader(src, r)
	}
	var t transform.Transformer = &utf8Strict{offset: int64(skip)}
	if enc == GB18030 {
		t = newGBStrict()
	}
	return transform.NewReader(src, t), enc, nil
}

// readHead reads the sniff window plus up to 3 bytes, so that a character
// cut by the end of the window is whole and counts as evidence (a window
// of ASCII ending in half a GBK character would pass as UTF-8).
func readHead(r io.Reader, window int) (head []byte, atEOF bool, err error) {
	head = make([]byte, window+utf8.UTFMax-1)
	n, err := io.ReadFull(r, head[:window])
	if err == nil {
		var m int
		m, err = io.ReadFull(r, head[n:])
		n += m
	}
	atEOF = errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !atEOF {
		return nil, false, err
	}
	return head[:n], atEOF, nil
}

// sniff decides the encoding of a file from its first bytes and returns
// how many leading bytes (a byte-order mark) to skip.
func sniff(head []byte, atEOF bool) (Encoding, int, error) {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		if validate(&utf8Strict{}, head[len(bomUTF8):], atEOF) != nil {
			return "", 0, fail(reasonBOMBroken)
		}
		return UTF8BOM, len(bomUTF8), nil
	case bytes.HasPrefix(head, bomUTF16L), bytes.HasPrefix(head, bomUTF16B):
		return "", 0, fail(reasonUTF16)
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, magicOLE2):
		return "", 0, fail(reasonWorkbook)
	case bytes.IndexByte(head, 0) >= 0:
		return "", 0, fail(reasonNUL)
	}
	if validate(&utf8Strict{}, head, atEOF) == nil {
		return UTF8, 0, nil
	}
	if validate(newGBStrict(), head, atEOF) == nil {
		return GB18030, 0, nil
	}
	return "", 0, fail(reasonEncoding)
}

// validate runs t over src and reports its first error. An incomplete
// sequence at the end of src is fine unless atEOF.
func validate(t transform.Transformer, src []byte, atEOF bool) error {
	var scratch [4096]byte
	for {
		_, n, err := t.Transform(scratch[:], src, atEOF)
		src = src[n:]
		switch {
		case errors.Is(err, transform.ErrShortDst):
			continue
		case errors.Is(err, transform.ErrShortSrc):
			return nil
		}
		return err
	}
}
