package ingest

import (
	"strings"
	"testing"
	"time"
)

// daysIn agrees with the calendar of package time for every month of the
// years a school year can fall in, 2000 (leap) and 1900, 2100 (not) among them.
func TestDaysIn(t *testing.T) {
	for y := 1899; y <= 2101; y++ {
		for m := 1; m <= 12; m++ {
			want := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := daysIn(y, m); got != want {
				t.Errorf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}

// A pupil's identity number repeats on every month's row and is parsed
// once (validator.parseID keeps the last one and a map): each row still
// gets its own number's canonical form, and a bad number is reported on
// its row even between rows of a good one.
func TestAttendanceRepeatedIDs(t *testing.T) {
	l, err := Recognise([]string{"学年", "月份", "学校标识码", "身份证件号", "姓名", "应出勤天数", "缺勤天数"})
	if err != nil {
		t.Fatal(err)
	}
	v := newValidator(l, time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	const a, b, bad = "11010520150101013x", "110105201501020012", "110105201501020013"
	for i, c := range []struct{ id, want, reason string }{
		{a, "11010520150101013X", ""},
		{a, "11010520150101013X", ""},
		{b, b, ""},
		{bad, bad, "校验位"},
		{a, "11010520150101013X", ""},
		{bad, bad, "校验位"},
		{b, b, ""},
	} {
		probs := v.row([]string{"2025", "9", "2110105001", c.id, "张三", "20", "0"})
		got := v.out[v.col.id].s
		var reasons string
		for _, p := range probs {
			reasons += p.Reason
		}
		if got != c.want || !strings.Contains(reasons, c.reason) || (c.reason == "") != (len(probs) == 0) {
			t.Errorf("row %d (%s): id %q, problems %q; want %q with a problem naming %q", i, c.id, got, reasons, c.want, c.reason)
		}
	}
}
