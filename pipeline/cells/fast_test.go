package cells

import (
	"fmt"
	"testing"
	"time"
)

// fastInputs are the cells the fast paths see most, and their near misses:
// every date from 1899 to 2101 as YYYY-MM-DD and with impossible days and
// months, every four-digit year, every one- and two-character number.
func fastInputs() []string {
	var in []string
	for d := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 2101; d = d.AddDate(0, 0, 1) {
		in = append(in, d.Format(time.DateOnly))
	}
	for y := 1899; y <= 2101; y += 7 {
		for m := 0; m <= 13; m++ {
			for _, day := range []int{0, 28, 29, 30, 31, 32} {
				in = append(in, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
			}
		}
	}
	for y := 0; y <= 9999; y++ {
		in = append(in, fmt.Sprintf("%04d", y))
	}
	for y := 1899; y <= 2101; y++ {
		for _, z := range []int{y - 1, y, y + 1, y + 2, y + 11} {
			in = append(in, fmt.Sprintf("%04d-%04d", y, z), fmt.Sprintf("%04d-%04d学年", y, z), fmt.Sprintf("%04d学年", y),
				fmt.Sprintf("%04d-%02d", y, z%100), fmt.Sprintf("%04d/%04d", y, z), fmt.Sprintf("%04d-%04d学年学年", y, z))
		}
	}
	for n := 0; n < 100; n++ {
		in = append(in, fmt.Sprint(n), fmt.Sprintf("%02d", n))
	}
	return append(in, "", "男", "女", "1.0", "2143052103", "214305210", "21430521031", "430521000000",
		"4305210000001", "2019-8-31", "2019/08/31", "2019-08-3１", " 2019-08-31", "一", "K1", "a", "-1",
		"学年", "2025-202６", "２025-2026", "2025-2026学年度", " 2025-2026", "2025--2026", "20a5-2026", "2025-20a6", "2025x2026", "2025.2026", "-2025-2026")
}

// parserPair is a parser with its fast path and without it.
type parserPair struct {
	name          string
	fast, general func(string) (any, error)
}

func pair[T any](name string, fast, general func(string) (T, error)) parserPair {
	wrap := func(f func(string) (T, error)) func(string) (any, error) {
		return func(s string) (any, error) { v, err := f(s); return v, err }
	}
	return parserPair{name, wrap(fast), wrap(general)}
}

func code(digits int, f func(string, int) (string, error)) func(string) (string, error) {
	return func(s string) (string, error) { return f(s, digits) }
}

func intIn(min, max int, f func(string, int, int) (int, error)) func(string) (int, error) {
	return func(s string) (int, error) { return f(s, min, max) }
}

// Every fast answer is the general parser's answer.
func TestFastPathsAgreeWithTheGeneralParsers(t *testing.T) {
	parsers := []parserPair{
		pair("ParseDate", ParseDate, parseDate),
		pair("ParseSchoolYear", ParseSchoolYear, parseSchoolYear),
		pair("ParseTerm", ParseTerm, parseTerm),
		pair("ParseGrade", ParseGrade, parseGrade),
		pair("ParseGender", ParseGender, parseGender),
		pair("ParseCode/10", code(10, ParseCode), code(10, parseCode)),
		pair("ParseCode/12", code(12, ParseCode), code(12, parseCode)),
		pair("ParseInt/0-31", intIn(0, 31, ParseInt), intIn(0, 31, parseInt)),
		pair("ParseInt/1-12", intIn(1, 12, ParseInt), intIn(1, 12, parseInt)),
	}
	iso := 0
	for _, s := range fastInputs() {
		for _, p := range parsers {
			got, err := p.fast(s)
			want, werr := p.general(s)
			if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(err) != fmt.Sprint(werr) {
				t.Errorf("%s(%q) = %v, %v; general parser: %v, %v", p.name, s, got, err, want, werr)
			}
		}
		if _, _, _, ok := fastDate(s); ok {
			iso++
		}
		if d, text, err := ParseDateText(s); err == nil && text != d.Format(time.DateOnly) {
			t.Errorf("ParseDateText(%q) = %s, %q", s, d.Format(time.DateOnly), text)
		}
	}
	if iso < 70000 {
		t.Errorf("only %d inputs took the date fast path", iso)
	}
}
