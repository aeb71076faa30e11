package demotown

import (
	"strconv"
	"testing"
)

// The demo's attendance (emit_attendance.go): one file per school with
// pupils and school year; every row obeys the contract's rules (days within
// the month, absent ≤ required, excused ≤ absent); high unexcused absence
// is rare (the habitual absentees and the dropouts before they leave);
// some dropouts show rising absence and some none.
func TestAttendance(t *testing.T) {
	dir, man := generateDefault(t, 1)
	f := man.Facts
	if f["attendance_dropouts_signalled"] == 0 || f["attendance_dropouts_silent"] == 0 {
		t.Errorf("signalled %d, silent %d dropouts: want some of each", f["attendance_dropouts_signalled"], f["attendance_dropouts_silent"])
	}
	rows, high := 0, 0
	for _, fi := range man.Files {
		if fi.Kind != "attendance" {
			continue
		}
		tb := readTable(t, dir, fi.Name, fi.Kind)
		for i, row := range tb.rows {
			m, _ := strconv.Atoi(tb.cell(row, "月份"))
			req, err1 := strconv.Atoi(tb.cell(row, "应出勤天数"))
			abs, err2 := strconv.Atoi(tb.cell(row, "缺勤天数"))
			exc, _ := strconv.Atoi(tb.cell(row, "病事假天数")) // blank is 0
			if m < 1 || m > 12 || m == 8 || err1 != nil || err2 != nil || req > 31 || abs > req || exc > abs {
				t.Fatalf("%s row %d: month %d, required %d, absent %d, excused %d", fi.Name, i+2, m, req, abs, exc)
			}
			rows++
			if req > 0 && 5*(abs-exc) >= req {
				high++
			}
		}
	}
	if rows != f["attendance_rows"] || rows == 0 {
		t.Errorf("%d rows read, Facts attendance_rows %d", rows, f["attendance_rows"])
	}
	if share := float64(high) / float64(rows); share == 0 || share > 0.05 {
		t.Errorf("%d of %d rows (%.1f%%) with ≥20%% unexcused absence, want a few (0-5%%)", high, rows, 100*share)
	}
}
