package cells

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		reason string // "" ok, "*" any error
	}{
		{"2019-08-31", day(2019, 8, 31), ""},
		{"2019-09-01", day(2019, 9, 1), ""},
		{"2019/8/31", day(2019, 8, 31), ""},
		{"2019-8-31", day(2019, 8, 31), ""},
		{"2019.8.31", day(2019, 8, 31), ""},
		{"20190831", day(2019, 8, 31), ""},
		{"2019年8月31日", day(2019, 8, 31), ""},
		{"2019年08月31日", day(2019, 8, 31), ""},
		{"2019年8月31", day(2019, 8, 31), ""},
		{"2019年8月31号", day(2019, 8, 31), ""},
		{" 2019-08-31\u3000", day(2019, 8, 31), ""},
		{"２０１９－０８－３１", day(2019, 8, 31), ""},
		{"2019-08-31 00:00:00", day(2019, 8, 31), ""},
		{"2019/8/31 0:00", day(2019, 8, 31), ""},
		{"2019-08-31T00:00:00", day(2019, 8, 31), ""},
		{"2019-08-31 13:45:10.5", day(2019, 8, 31), ""},
		// Excel serials: 43708 days after 1899-12-30 is 2019-08-31.
		{"43708", day(2019, 8, 31), ""},
		{"43708.0", day(2019, 8, 31), ""},
		{"43708.75", day(2019, 8, 31), ""},
		{"43709", day(2019, 9, 1), ""},
		{"43890", day(2020, 2, 29), ""},
		{"18264", day(1950, 1, 1), ""},
		{"18263", time.Time{}, reasonSerialRange},
		{"73415", day(2100, 12, 31), ""},
		{"73416", time.Time{}, reasonSerialRange},
		// Serial 60 is Excel's fictitious 1900-02-29; too early anyway.
		{"60", time.Time{}, reasonDateFormat},
		{"4370", time.Time{}, reasonDateFormat},
		// Leap years.
		{"2020-02-29", day(2020, 2, 29), ""},
		{"2000-02-29", day(2000, 2, 29), ""},
		{"2019-02-29", time.Time{}, reasonDateDay(28)},
		{"1900-02-29", time.Time{}, reasonDateDay(28)},
		{"2100-02-29", time.Time{}, reasonDateDay(28)},
		{"2019-02-30", time.Time{}, reasonDateDay(28)},
		{"2019-04-31", time.Time{}, reasonDateDay(30)},
		{"2019-01-32", time.Time{}, reasonDateDay(31)},
		{"2019-01-00", time.Time{}, reasonDateDay(31)},
		{"20190230", time.Time{}, reasonDateDay(28)},
		{"2019年2月30日", time.Time{}, reasonDateDay(28)},
		{"2019-13-01", time.Time{}, reasonDateMonth},
		{"2019-00-10", time.Time{}, reasonDateMonth},
		{"1899-12-31", time.Time{}, reasonDateYear},
		{"2101-01-01", time.Time{}, reasonDateYear},
		{"1900-01-01", day(1900, 1, 1), ""},
		// Not dates.
		{"", time.Time{}, reasonEmpty},
		{"  ", time.Time{}, reasonEmpty},
		{"2019-8/31", time.Time{}, reasonDateFormat},
		{"19-8-31", time.Time{}, reasonDateFormat},
		{"2019-08", time.Time{}, reasonDateFormat},
		{"2019-08-31-", time.Time{}, reasonDateFormat},
		{"201908311", time.Time{}, reasonDateFormat},
		{"2019-008-31", time.Time{}, reasonDateFormat},
		{"2019-08-31 morning", time.Time{}, reasonDateFormat},
		{"不详", time.Time{}, reasonDateFormat},
		{"43708.x", time.Time{}, reasonDateFormat},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if err == nil && got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) location %v, want UTC", tc.in, got.Location())
		}
	}
}

func TestExcelSerial(t *testing.T) {
	tests := []struct {
		n    int
		want time.Time
		ok   bool
	}{
		{1, day(1900, 1, 1), true},
		{59, day(1900, 2, 28), true},
		{60, time.Time{}, false}, // 1900-02-29 exists only in Excel
		{61, day(1900, 3, 1), true},
		{0, time.Time{}, false},
		{-1, time.Time{}, false},
		{43708, day(2019, 8, 31), true},
	}
	for _, tc := range tests {
		got, ok := excelSerial(tc.n)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("excelSerial(%d) = %v, %v; want %v, %v", tc.n, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseYearMonth(t *testing.T) {
	tests := []struct {
		in     string
		y, m   int
		reason string
	}{
		{"2019-09", 2019, 9, ""},
		{"2019-9", 2019, 9, ""},
		{"201909", 2019, 9, ""},
		{"2019年9月", 2019, 9, ""},
		{"2019年09月", 2019, 9, ""},
		{"2019/9", 2019, 9, ""},
		{"2019.09", 2019, 9, ""},
		{"2019.10", 2019, 10, ""},
		{"2019.1", 0, 0, reasonYMAmbiguous},
		{"2019.01", 2019, 1, ""},
		{"2019-1", 2019, 1, ""},
		{"2019-09-01", 2019, 9, ""},
		{"2019/9/1", 2019, 9, ""},
		{"20190901", 2019, 9, ""},
		{"2019年9月1日", 2019, 9, ""},
		{"2019-09-01 00:00:00", 2019, 9, ""},
		{"43709", 2019, 9, ""},
		{"２０１９－０９", 2019, 9, ""},
		{"2019-13", 0, 0, reasonDateMonth},
		{"201900", 0, 0, reasonDateMonth},
		{"1899-12", 0, 0, reasonDateYear},
		{"2019-02-30", 0, 0, reasonDateDay(28)},
		{"", 0, 0, reasonEmpty},
		{"2019", 0, 0, reasonYMFormat},
		{"2019年", 0, 0, reasonYMFormat},
		{"2019年9", 0, 0, reasonYMFormat},
		{"九月", 0, 0, reasonYMFormat},
		{"2019-9-", 0, 0, reasonYMFormat},
	}
	for _, tc := range tests {
		y, m, err := ParseYearMonth(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && (y != tc.y || m != tc.m) {
			t.Errorf("ParseYearMonth(%q) = %d, %d; want %d, %d", tc.in, y, m, tc.y, tc.m)
		}
	}
}
