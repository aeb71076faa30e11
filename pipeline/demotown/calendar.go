package demotown

import (
	"fmt"
	"strconv"
	"time"
)

// date is a calendar date; the zero value means "no date".
type date struct{ y, m, d int }

// isZero reports whether d is the empty date.
func (d date) isZero() bool { return d.y == 0 }

// toTime converts d to a UTC time at midnight.
func (d date) toTime() time.Time {
	return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC)
}

// fromTime converts a time to a date.
func fromTime(t time.Time) date {
	y, m, d := t.Date()
	return date{y, int(m), d}
}

// addDays returns d shifted by n days.
func (d date) addDays(n int) date { return fromTime(d.toTime().AddDate(0, 0, n)) }

// after reports whether d is strictly later than e.
func (d date) after(e date) bool {
	if d.y != e.y {
		return d.y > e.y
	}
	if d.m != e.m {
		return d.m > e.m
	}
	return d.d > e.d
}

// cohortOf returns the birth cohort: born 1 Sep c .. 31 Aug c+1.
func cohortOf(b date) int {
	if b.m >= 9 {
		return b.y
	}
	return b.y - 1
}

// daysBetween counts the days from a to b.
func daysBetween(a, b date) int {
	return int(b.toTime().Sub(a.toTime()).Hours() / 24)
}

// randomDay picks a date uniformly in [from, to].
func randomDay(r *rng, from, to date) date {
	return from.addDays(r.intn(daysBetween(from, to) + 1))
}

// Date formats seen in real exports.
const (
	dateISO   = iota // 2019-08-31
	dateSlash        // 2019/8/31
	dateDigit        // 20190831
	dateHan          // 2019年8月31日
	dateStyles
)

// formatDate writes d in one of the date styles; the zero date is "".
// Out-of-range days (for the impossible-date cell) are written as given.
func formatDate(d date, style int) string {
	if d.isZero() {
		return ""
	}
	b := make([]byte, 0, 16)
	b = strconv.AppendInt(b, int64(d.y), 10)
	switch style {
	case dateSlash:
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(d.m), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(d.d), 10)
	case dateDigit:
		b = append2(b, d.m)
		b = append2(b, d.d)
	case dateHan:
		b = append(b, "年"...)
		b = strconv.AppendInt(b, int64(d.m), 10)
		b = append(b, "月"...)
		b = strconv.AppendInt(b, int64(d.d), 10)
		b = append(b, "日"...)
	default:
		b = append(b, '-')
		b = append2(b, d.m)
		b = append(b, '-')
		b = append2(b, d.d)
	}
	return string(b)
}

// formatYM writes a year-month (入学年月) in style 0 2019-09, 1 201909 or
// 2 2019年9月.
func formatYM(y, m, style int) string {
	b := make([]byte, 0, 12)
	b = strconv.AppendInt(b, int64(y), 10)
	switch style {
	case 1:
		b = append2(b, m)
	case 2:
		b = append(b, "年"...)
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, "月"...)
	default:
		b = append(b, '-')
		b = append2(b, m)
	}
	return string(b)
}

// septemberLabel writes September of year y (入学年月) in a year-month
// style, from a table for 1990..2100.
func septemberLabel(y, style int) string {
	if y >= 1990 && y <= 2100 {
		return septemberLabels[y-1990][style]
	}
	return formatYM(y, 9, style)
}

// septemberLabels caches the 入学年月 spellings of September 1990..2100.
var septemberLabels = func() (t [111][3]string) {
	for i := range t {
		for k := range t[i] {
			t[i][k] = formatYM(1990+i, 9, k)
		}
	}
	return t
}()

// append2 appends n as two digits.
func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// iso writes d as YYYY-MM-DD.
func (d date) iso() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }
