package cells

import (
	"bytes"
	"io"
	"testing"
)

func BenchmarkParseIDNumber(b *testing.B) {
	for _, in := range []string{"430521201908310114", "43052120111201044x", "430521850101011"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseIDNumber(in, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseDate(b *testing.B) {
	for _, in := range []string{"2019-08-31", "2019/8/31", "20190831", "2019年8月31日", "43708", "2019-08-31 00:00:00"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseDate(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHappyPathAllocs keeps the per-cell parsers allocation-free on
// canonical input, since they run on every cell of million-row files.
func TestHappyPathAllocs(t *testing.T) {
	cases := map[string]func(){
		"id":        func() { _, _ = ParseIDNumber("430521201908310114", today) },
		"id spaced": func() { _, _ = ParseIDNumber(" 43052120130505019X ", today) },
		"iso date":  func() { _, _ = ParseDate("2019-08-31") },
		"slashes":   func() { _, _ = ParseDate("2019/8/31") },
		"compact":   func() { _, _ = ParseDate("20190831") },
		"chinese":   func() { _, _ = ParseDate("2019年8月31日") },
		"serial":    func() { _, _ = ParseDate("43708") },
		"datetime":  func() { _, _ = ParseDate("2019-08-31 00:00:00") },
		"ym":        func() { _, _, _ = ParseYearMonth("2019-09") },
		"code":      func() { _, _ = ParseCode("2143052103", 10) },
		"gender":    func() { _, _ = ParseGender("男") },
	}
	for name, fn := range cases {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s: %v allocs per run, want 0", name, n)
		}
	}
}

func BenchmarkNewDecoder(b *testing.B) {
	text := bigText(4 << 20)
	for _, in := range []struct {
		name string
		data []byte
	}{{"UTF-8", []byte(text)}, {"GB18030", gb(b, text)}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				r, _, err := NewDecoder(bytes.NewReader(in.data))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
