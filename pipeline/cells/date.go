package cells

import (
	"strings"
	"time"
)

// Year limits of dates written as text and of Excel date serials.
const (
	minYear       = 1900
	maxYear       = 2100
	minSerialYear = 1950
)

// ParseDate parses a date cell and returns UTC midnight of that day.
//
// Accepted: 2019-08-31, 2019-8-31, 2019/8/31, 2019.8.31 (one separator
// throughout), 20190831, 2019年8月31日 (日 or 号 optional), any of these
// followed by a time of day ("2019-08-31 00:00:00", "2019/8/31 0:00",
// "2019-08-31T00:00:00", as spreadsheet libraries render date cells), and
// an Excel date serial written as text ("43708", "43708.0"; a fraction is a
// time of day and is dropped). Serials follow Excel's 1900 date system,
// including its fictitious 1900-02-29 (serial 60), and are accepted only
// when they fall in 1950..2100, so that a stray 5-digit number is not taken
// for a date. Dates written as text must lie in 1900..2100. A day that does
// not exist (2019-02-30) is an error saying so.
func ParseDate(s string) (time.Time, error) {
	if y, m, d, ok := fastDate(s); ok {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
	}
	return parseDate(s)
}

// ParseDateText is ParseDate that also returns the date's canonical text,
// YYYY-MM-DD: the cell itself when it is written so.
func ParseDateText(s string) (time.Time, string, error) {
	if y, m, d, ok := fastDate(s); ok {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), s, nil
	}
	t, err := parseDate(s)
	if err != nil {
		return t, "", err
	}
	return t, dateText(t), nil
}

// dateText formats d as YYYY-MM-DD, as time.DateOnly does, without its
// general layout machinery (ParseDate's years have four digits).
func dateText(d time.Time) string {
	y, m, day := d.Date()
	if y < 1000 || y > 9999 {
		return d.Format(time.DateOnly)
	}
	b := [10]byte{'0' + byte(y/1000), '0' + byte(y/100%10), '0' + byte(y/10%10), '0' + byte(y%10), '-',
		'0' + byte(m/10), '0' + byte(m%10), '-', '0' + byte(day/10), '0' + byte(day%10)}
	return string(b[:])
}

// parseDate is ParseDate without its fast path.
func parseDate(s string) (time.Time, error) {
	t := clean(s)
	if t == "" {
		return time.Time{}, fail(reasonEmpty)
	}
	t = stripTime(t)
	if isSerial(t) {
		return serialDate(t)
	}
	y, m, d, ok := splitDate(t)
	if !ok {
		return time.Time{}, fail(reasonDateFormat)
	}
	return makeDate(y, m, d)
}

// makeDate validates year, month and day and builds the UTC date.
func makeDate(y, m, d int) (time.Time, error) {
	if y < minYear || y > maxYear {
		return time.Time{}, fail(reasonDateYear)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fail(reasonDateMonth)
	}
	if dim := daysIn(y, m); d < 1 || d > dim {
		return time.Time{}, fail(reasonDateDay(dim))
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// daysIn returns the number of days of month m in year y (Gregorian).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// stripTime removes a trailing time of day (" 00:00:00", "T0:00", with
// optional fraction of seconds) from a date.
func stripTime(s string) string {
	i := strings.IndexAny(s, " T")
	if i < 0 {
		return s
	}
	rest := trim(s[i+1:])
	if !strings.Contains(rest, ":") || strings.Trim(rest, "0123456789:.") != "" {
		return s
	}
	return trim(s[:i])
}

// isSerial reports whether s looks like an Excel date serial: five digits,
// optionally followed by a fraction.
func isSerial(s string) bool {
	whole, frac, hasDot := strings.Cut(s, ".")
	if len(whole) != 5 || !allDigits(whole) {
		return false
	}
	return !hasDot || frac == "" || allDigits(frac)
}

// serialDate converts a serial accepted by isSerial to a date in range.
func serialDate(s string) (time.Time, error) {
	n, _ := atoi(s[:5])
	d, ok := excelSerial(n)
	if !ok || d.Year() < minSerialYear || d.Year() > maxYear {
		return time.Time{}, fail(reasonSerialRange)
	}
	return d, nil
}

// excelSerial converts a day number of Excel's 1900 date system. Excel
// counts 1900-01-01 as day 1 and wrongly treats 1900 as a leap year, so day
// 60 (1900-02-29) does not exist and later days are off by one.
func excelSerial(n int) (time.Time, bool) {
	switch {
	case n < 1 || n == 60:
		return time.Time{}, false
	case n < 60:
		return time.Date(1899, 12, 31+n, 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(1899, 12, 30+n, 0, 0, 0, 0, time.UTC), true
}

// splitDate splits the textual forms of a date into its parts. It does
// not validate ranges.
func splitDate(s string) (y, m, d int, ok bool) {
	if len(s) == 8 && allDigits(s) {
		y, _ = atoi(s[:4])
		m, _ = atoi(s[4:6])
		d, _ = atoi(s[6:])
		return y, m, d, true
	}
	c := scanner{s: s}
	if y, ok = c.digits(4, 4); !ok {
		return 0, 0, 0, false
	}
	if c.lit("年") {
		m, ok1 := c.digits(1, 2)
		ok2 := c.lit("月")
		d, ok3 := c.digits(1, 2)
		_ = c.lit("日") || c.lit("号")
		return y, m, d, ok1 && ok2 && ok3 && c.done()
	}
	sep, ok := c.sep()
	if !ok {
		return 0, 0, 0, false
	}
	m, ok1 := c.digits(1, 2)
	ok2 := c.lit(sep)
	d, ok3 := c.digits(1, 2)
	return y, m, d, ok1 && ok2 && ok3 && c.done()
}

// ParseYearMonth parses a year-month cell such as 入学年月.
//
// Accepted: 2019-09, 2019-9, 2019/9, 2019.09, 201909, 2019年9月, and every
// full date ParseDate accepts (the day is dropped). "2019.1" is rejected as
// ambiguous: it is what Excel shows when 2019.10 was typed into a number
// cell. Years must lie in 1900..2100.
func ParseYearMonth(s string) (year, month int, err error) {
	t := stripTime(clean(s))
	if t == "" {
		return 0, 0, fail(reasonEmpty)
	}
	y, m, ok, err := splitYearMonth(t)
	if err != nil {
		return 0, 0, err
	}
	if !ok {
		d, err := ParseDate(t)
		if err != nil {
			if e, isCell := err.(*Error); isCell && e.Reason == reasonDateFormat {
				return 0, 0, fail(reasonYMFormat)
			}
			return 0, 0, err
		}
		return d.Year(), int(d.Month()), nil
	}
	if y < minYear || y > maxYear {
		return 0, 0, fail(reasonDateYear)
	}
	if m < 1 || m > 12 {
		return 0, 0, fail(reasonDateMonth)
	}
	return y, m, nil
}

// splitYearMonth splits the year-month forms; ok is false when s is not
// one of them (it may still be a full date).
func splitYearMonth(s string) (y, m int, ok bool, err error) {
	if len(s) == 6 && allDigits(s) {
		y, _ = atoi(s[:4])
		m, _ = atoi(s[4:])
		return y, m, true, nil
	}
	c := scanner{s: s}
	if y, ok = c.digits(4, 4); !ok {
		return 0, 0, false, nil
	}
	if c.lit("年") {
		m, ok = c.digits(1, 2)
		return y, m, ok && c.lit("月") && c.done(), nil
	}
	sep, ok := c.sep()
	if !ok {
		return 0, 0, false, nil
	}
	start := c.i
	m, ok = c.digits(1, 2)
	if !ok || !c.done() {
		return 0, 0, false, nil
	}
	if sep == "." && s[start:] == "1" {
		return 0, 0, false, fail(reasonYMAmbiguous)
	}
	return y, m, true, nil
}

// scanner walks a date string without allocating.
type scanner struct {
	s string
	i int
}

// digits consumes between min and max ASCII digits and returns their value.
func (c *scanner) digits(min, max int) (int, bool) {
	n, v := 0, 0
	for c.i < len(c.s) && n < max && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		v = v*10 + int(c.s[c.i]-'0')
		c.i++
		n++
	}
	return v, n >= min
}

// lit consumes p if the rest starts with it.
func (c *scanner) lit(p string) bool {
	if strings.HasPrefix(c.s[c.i:], p) {
		c.i += len(p)
		return true
	}
	return false
}

// sep consumes one date separator (- / .) and returns it.
func (c *scanner) sep() (string, bool) {
	if c.i < len(c.s) {
		switch c.s[c.i] {
		case '-', '/', '.':
			c.i++
			return c.s[c.i-1 : c.i], true
		}
	}
	return "", false
}

// done reports whether the whole string was consumed.
func (c *scanner) done() bool { return c.i == len(c.s) }
