package cells

import "strings"

// Fast paths for the spellings that make up nearly every cell of a large
// export (a roster of a million rows spends most of its validation time
// on them). Each answers only for input its general parser accepts, with
// the same result; anything else goes the general way. fast_test.go
// checks every fast answer against the general parser.

// fastTerm reads a term cell written as 1 or 2.
func fastTerm(s string) (int, bool) {
	if len(s) == 1 && (s[0] == '1' || s[0] == '2') {
		return int(s[0] - '0'), true
	}
	return 0, false
}

// fastSchoolYear reads a school year written as its four-digit starting
// year, or as 2025-2026, either followed by 学年, within the accepted
// range.
func fastSchoolYear(s string) (int, bool) {
	s = strings.TrimSuffix(s, "学年")
	switch {
	case len(s) == 4:
	case len(s) == 9 && s[4] == '-':
		y, ok1 := atoi(s[:4])
		z, ok2 := atoi(s[5:])
		if !ok1 || !ok2 || z != y+1 {
			return 0, false
		}
		s = s[:4]
	default:
		return 0, false
	}
	y, ok := atoi(s)
	return y, ok && y >= minSchoolYear && y <= maxSchoolYear
}

// fastDate reads a valid date written as YYYY-MM-DD.
func fastDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := atoi(s[:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:])
	if !ok1 || !ok2 || !ok3 || y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// fastCode reads a code of the given number of digits written as digits.
func fastCode(s string, digits int) bool {
	return len(s) == digits && allDigits(s)
}

// fastGrade reads a grade written as one digit 1-9.
func fastGrade(s string) bool {
	return len(s) == 1 && s[0] >= '1' && s[0] <= '9'
}

// fastInt reads a count written as up to five plain ASCII digits (days in
// a month, a month, visits); the caller checks the range.
func fastInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 5 {
		return 0, false
	}
	return atoi(s)
}
