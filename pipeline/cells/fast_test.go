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
	for n := 0; n < 100; n++ {
		in = append(in, fmt.Sprint(n), fmt.Sprintf("%02d", n))
	}
	return append(in, "", "男", "女", "1.0", "2143052103", "214305210", "21430521031", "430521000000",
		"4305210000001", "2019-8-31", "2019/08/31", "2019-08-3１", " 2019-08-31", "一", "K1", "a", "-1")
}

// Every fast answer is the general parser's answer.
func TestFastPathsAgreeWithTheGeneralParsers(t *testing.T) {
	same := func(name, in string, got, want any, gotErr, wantErr error) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s(%q) = %v, %v; general parser: %v, %v", name, in, got, gotErr, want, wantErr)
		}
	}
	fast := 0
	for _, s := range fastInputs() {
		d, err := ParseDate(s)
		wd, werr := parseDate(s)
		same("ParseDate", s, d, wd, err, werr)
		y, err := ParseSchoolYear(s)
		wy, werr := parseSchoolYear(s)
		same("ParseSchoolYear", s, y, wy, err, werr)
		n, err := ParseTerm(s)
		wn, werr := parseTerm(s)
		same("ParseTerm", s, n, wn, err, werr)
		g, err := ParseGrade(s)
		wg, werr := parseGrade(s)
		same("ParseGrade", s, g, wg, err, werr)
		x, err := ParseGender(s)
		wx, werr := parseGender(s)
		same("ParseGender", s, x, wx, err, werr)
		for _, digits := range []int{10, 12} {
			c, err := ParseCode(s, digits)
			wc, werr := parseCode(s, digits)
			same(fmt.Sprintf("ParseCode/%d", digits), s, c, wc, err, werr)
		}
		if IsISODate(s) {
			fast++
			if d.Format(time.DateOnly) != s {
				t.Errorf("IsISODate(%q) but the date is %s", s, d.Format(time.DateOnly))
			}
		}
	}
	if fast < 70000 {
		t.Errorf("only %d inputs took the date fast path", fast)
	}
}
