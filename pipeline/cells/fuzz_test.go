package cells

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{"430521201908310114", "43052120111201044x", "430521850101011",
		"4.30521201508E+17", "430521201908310000", "４３０５２１２０１９０８３１０１１４", `="1"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIDNumber(s, today)
		if err != nil {
			reasonOf(t, err)
			return
		}
		n := id.Number
		if len(n) != 18 || strings.ContainsRune(n, 'x') {
			t.Fatalf("%q: number %q not canonical", s, n)
		}
		if !allDigits(n[:17]) || checkChar([]byte(n)) != n[17] {
			t.Fatalf("%q: number %q fails the checksum", s, n)
		}
		if id.Birth.Format("20060102") != n[6:14] || id.Birth.After(today) || id.Birth.Year() < 1900 {
			t.Fatalf("%q: bad birth %v", s, id.Birth)
		}
		if !validProvince(digits2([]byte(n))) || id.Male != ((n[16]-'0')%2 == 1) {
			t.Fatalf("%q: bad province or sex in %+v", s, id)
		}
		again, err := ParseIDNumber(n, today)
		if err != nil || again.Number != n || !again.Birth.Equal(id.Birth) || again.Male != id.Male || again.Upgraded {
			t.Fatalf("%q: re-parse of %q gave %+v, %v", s, n, again, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-08-31", "2019/8/31", "20190831", "2019年8月31日", "43708.0",
		"2019-08-31 00:00:00", "2019-02-29", "60"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			reasonOf(t, err)
			return
		}
		if d.Location() != nil && d.Location().String() != "UTC" || d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0 {
			t.Fatalf("%q: %v is not UTC midnight", s, d)
		}
		if d.Year() < minYear || d.Year() > maxYear {
			t.Fatalf("%q: year of %v out of range", s, d)
		}
		iso := d.Format("2006-01-02")
		again, err := ParseDate(iso)
		if err != nil || !again.Equal(d) {
			t.Fatalf("%q: %s re-parses to %v, %v", s, iso, again, err)
		}
		y, m, err := ParseYearMonth(s)
		if err != nil || y != d.Year() || m != int(d.Month()) {
			t.Fatalf("%q: ParseYearMonth = %d, %d, %v; date %v", s, y, m, err, d)
		}
	})
}

func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{"小班", "大班", "一年级", "9", "初二", "初中一年级", "K3", "十年级"} {
		f.Add(s)
	}
	canonical := "K1 K2 K3 1 2 3 4 5 6 7 8 9"
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGrade(s)
		if err != nil {
			reasonOf(t, err)
			return
		}
		if !strings.Contains(" "+canonical+" ", " "+g+" ") {
			t.Fatalf("%q: grade %q is not canonical", s, g)
		}
		if again, err := ParseGrade(g); err != nil || again != g {
			t.Fatalf("%q: re-parse of %q gave %q, %v", s, g, again, err)
		}
	})
}

func FuzzNormalizeHeader(f *testing.F) {
	for _, s := range []string{"姓名★", " 学校标识码 ", "身份证件号（必填）", "*学年*", "Ｓｃｈｏｏｌ＿ｃｏｄｅ", "\ufeff学年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := NormalizeHeader(s)
		if again := NormalizeHeader(h); again != h {
			t.Fatalf("%q: not idempotent: %q then %q", s, h, again)
		}
		if strings.IndexFunc(h, unicode.IsSpace) >= 0 || strings.ContainsAny(h, "（）【】") {
			t.Fatalf("%q: %q keeps spaces or full-width brackets", s, h)
		}
		first, _ := utf8.DecodeRuneInString(h)
		last, _ := utf8.DecodeLastRuneInString(h)
		if h != "" && (isMarker(first) || isMarker(last)) {
			t.Fatalf("%q: %q keeps a marker at an end", s, h)
		}
	})
}

func FuzzNewDecoder(f *testing.F) {
	f.Add([]byte(csvText))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, csvText...))
	f.Add(gb(f, csvText))
	f.Add([]byte{0x84, 0x31, 0xA4, 0x37, 0x80})
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte("a\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoder(t, data, sniffSize)
		// A tiny window makes the streaming checks do the work.
		checkDecoder(t, data, 1+len(data)%7)
	})
}

// checkDecoder asserts the invariants of one decoding of data.
func checkDecoder(t *testing.T, data []byte, window int) {
	t.Helper()
	r, enc, err := newDecoder(bytes.NewReader(data), window)
	if err != nil {
		reasonOf(t, err)
		return
	}
	out, err := io.ReadAll(r)
	reasonOf(t, err)
	if !utf8.Valid(out) {
		t.Fatalf("%q: invalid UTF-8 output %q", data, out)
	}
	if bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(data, []byte("\ufffd")) &&
		!bytes.Contains(data, gbReplacement) {
		t.Fatalf("%q: output %q has U+FFFD not in the input", data, out)
	}
	switch enc {
	case UTF8:
		checkPrefix(t, data, out, err)
	case UTF8BOM:
		checkPrefix(t, data[3:], out, err)
	case GB18030:
		// GBK maps a few codes to the same character (A3A0 and A1A1 are
		// both U+3000), so compare text, not bytes.
		back, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(out)
		again, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(back)
		if !bytes.Equal(again, out) {
			t.Fatalf("%q: GB18030 round trip of %q gave %q", data, out, again)
		}
	default:
		t.Fatalf("%q: unknown encoding %q", data, enc)
	}
}

// checkPrefix asserts that UTF-8 output is the input, or a prefix of it
// when decoding stopped with an error.
func checkPrefix(t *testing.T, in, out []byte, err error) {
	t.Helper()
	if err == nil && !bytes.Equal(in, out) || !bytes.HasPrefix(in, out) {
		t.Fatalf("%q: output %q is not the input", in, out)
	}
}
