package cells

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb encodes s in GB18030 for test input.
func gb(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeAll runs NewDecoder over in and reads everything.
func decodeAll(in []byte) (string, Encoding, error) {
	r, enc, err := NewDecoder(bytes.NewReader(in))
	if err != nil {
		return "", enc, err
	}
	out, err := io.ReadAll(r)
	return string(out), enc, err
}

const csvText = "学年,学期,学校标识码,姓名★\n2025-2026,第一学期,2143052103,赵子涵\n"

func TestNewDecoder(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		want   string
		enc    Encoding
		reason string
	}{
		{"utf8", []byte(csvText), csvText, UTF8, ""},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, csvText...), csvText, UTF8BOM, ""},
		{"gbk", gb(t, csvText), csvText, GB18030, ""},
		{"gb18030 4-byte", gb(t, "姓名,€,\u00e9,😀\n"), "姓名,€,\u00e9,😀\n", GB18030, ""},
		{"cp936 euro", append(gb(t, "价格"), 0x80), "价格€", GB18030, ""},
		{"gb18030 U+FFFD", append(gb(t, "姓名"), 0x84, 0x31, 0xA4, 0x37), "姓名\ufffd", GB18030, ""},
		{"ascii", []byte("a,b\n1,2\n"), "a,b\n1,2\n", UTF8, ""},
		{"empty", nil, "", UTF8, ""},
		{"bom only", []byte{0xEF, 0xBB, 0xBF}, "", UTF8BOM, ""},
		{"utf16le", []byte{0xFF, 0xFE, 'a', 0}, "", "", reasonUTF16},
		{"utf16be", []byte{0xFE, 0xFF, 0, 'a'}, "", "", reasonUTF16},
		{"utf16 no bom", []byte{'a', 0, 'b', 0}, "", "", reasonNUL},
		{"xlsx", []byte("PK\x03\x04\x14\x00"), "", "", reasonWorkbook},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "", "", reasonWorkbook},
		{"bom then gbk", append([]byte{0xEF, 0xBB, 0xBF}, gb(t, csvText)...), "", "", reasonBOMBroken},
		{"neither", []byte{'a', 0xFF, 0xFF, 'b'}, "", "", reasonEncoding},
		{"gbk truncated", gb(t, "姓名")[:3], "", "", reasonEncoding},
		{"utf8 truncated", []byte("姓名")[:5], "", "", reasonEncoding},
		{"gbk unmapped", []byte{0xA2, 0xA0}, "", "", reasonEncoding},
	}
	for _, tc := range tests {
		got, enc, err := decodeAll(tc.in)
		checkReason(t, tc.name, err, tc.reason)
		if tc.reason == "" && (got != tc.want || enc != tc.enc) {
			t.Errorf("%s: got %q, %q; want %q, %q", tc.name, got, enc, tc.want, tc.enc)
		}
	}
}

// bigText returns UTF-8 CSV text of at least n bytes.
func bigText(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString("2025-2026,第一学期,2143052103,赵子涵,430521201908310114\n")
	}
	return b.String()
}

func TestNewDecoderStreamsBadTail(t *testing.T) {
	text := bigText(2 * sniffSize) // more than 64 KiB even in GBK
	tests := []struct {
		name string
		in   []byte
		enc  Encoding
		bad  int
		good string // the text before the bad bytes
	}{
		{"utf8 then gbk", append([]byte(text), gb(t, "姓名")...), UTF8, len(text), text},
		{"gbk then junk", append(gb(t, text), 0xFF), GB18030, len(gb(t, text)), text},
		{"gbk then NUL", append(gb(t, text), 'a', 0), GB18030, len(gb(t, text)) + 1, text + "a"},
		{"gbk truncated", append(gb(t, text), 0xD5), GB18030, len(gb(t, text)), text},
		{"bom utf8 then bad", append(append([]byte{0xEF, 0xBB, 0xBF}, text...), 0xC0, 0x80), UTF8BOM, len(text) + 3, text},
	}
	for _, tc := range tests {
		r, enc, err := NewDecoder(bytes.NewReader(tc.in))
		if err != nil || enc != tc.enc {
			t.Fatalf("%s: NewDecoder = %q, %v", tc.name, enc, err)
		}
		out, err := io.ReadAll(iotest.OneByteReader(r))
		if string(out) != tc.good {
			t.Errorf("%s: output is not the valid prefix (%d bytes, want %d)", tc.name, len(out), len(tc.good))
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: err %v, want *Error", tc.name, err)
		}
		if want := reasonBadBytes(Encoding(strings.TrimSuffix(string(tc.enc), " BOM")), int64(tc.bad)); e.Reason != want {
			t.Errorf("%s: reason %q, want %q", tc.name, e.Reason, want)
		}
	}
}

func TestNewDecoderRuneCutByWindow(t *testing.T) {
	for shift := 0; shift < 4; shift++ {
		// Put a 3-byte (UTF-8) or 2-byte (GBK) character across the end of
		// the sniff window.
		pad := strings.Repeat("a", sniffSize-1-shift%2)
		text := pad + "赵子涵\n"
		got, enc, err := decodeAll([]byte(text))
		if err != nil || enc != UTF8 || got != text {
			t.Errorf("utf8 shift %d: %q, %v", shift, enc, err)
		}
		got, enc, err = decodeAll(gb(t, text))
		if err != nil || enc != GB18030 || got != text {
			t.Errorf("gbk shift %d: %q, %v", shift, enc, err)
		}
	}
	// A GB18030 four-byte sequence cut after two bytes by the window.
	text := strings.Repeat("a", sniffSize-2) + "😀"
	got, enc, err := decodeAll(gb(t, text))
	if err != nil || enc != GB18030 || got != text {
		t.Errorf("gb18030 4-byte cut: %q, %v", enc, err)
	}
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestNewDecoderDoesNotReadAhead(t *testing.T) {
	c := &countingReader{r: strings.NewReader(bigText(4 << 20))}
	r, _, err := NewDecoder(c)
	if err != nil {
		t.Fatal(err)
	}
	if c.n > sniffSize+utf8.UTFMax-1 {
		t.Errorf("NewDecoder read %d bytes before returning", c.n)
	}
	if _, err := io.CopyN(io.Discard, r, 100<<10); err != nil {
		t.Fatal(err)
	}
	if c.n > 200<<10 {
		t.Errorf("reading 100 KiB consumed %d bytes", c.n)
	}
}

func TestNewDecoderReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	if _, _, err := NewDecoder(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

func TestNewDecoderSmallWindow(t *testing.T) {
	// With a window of a few bytes nearly everything is decided by the
	// streaming checks, across the read boundaries of OneByteReader.
	text := csvText + "赵😀€\ufffd\n"
	for window := 1; window <= 8; window++ {
		for _, tc := range []struct {
			in  []byte
			enc Encoding
		}{
			{[]byte(text), UTF8},
			{append([]byte{0xEF, 0xBB, 0xBF}, text...), UTF8BOM},
			{gb(t, text), GB18030},
		} {
			r, enc, err := newDecoder(iotest.OneByteReader(bytes.NewReader(tc.in)), window)
			if err != nil || enc != tc.enc {
				t.Fatalf("window %d: %q, %v; want %q", window, enc, err, tc.enc)
			}
			out, err := io.ReadAll(iotest.OneByteReader(r))
			if err != nil || string(out) != text {
				t.Errorf("window %d, %s: %q, %v", window, enc, out, err)
			}
		}
	}
}
