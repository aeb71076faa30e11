package ingest

import (
	"fmt"
	"strconv"
	"time"
)

// attendanceChecks applies the rules of a 月考勤 row that involve more
// than one cell (docs/inputs.md, kind 11): 应出勤天数 fits in the month
// (a month of school year Y from September to December lies in Y, January
// to August in Y+1), 缺勤天数 is at most 应出勤天数, and 病事假天数 at most
// 缺勤天数. A rule is checked only when the cells it compares parsed.
func (v *validator) attendanceChecks(rec []string) []Problem {
	year, month := v.number("school_year"), v.number("month")
	req, absent, excused := v.number("days_required"), v.number("days_absent"), v.number("days_excused")
	var probs []Problem
	if year >= 0 && month >= 0 && req >= 0 {
		cal := year
		if month < 9 {
			cal++
		}
		if n := daysIn(cal, month); req > n {
			probs = append(probs, v.problemAt("days_required", rec, fmt.Sprintf(
				"应出勤天数%d超过了%d年%d月的天数（%d天）：请核对天数或月份", req, cal, month, n)))
		}
	}
	if req >= 0 && absent > req {
		probs = append(probs, v.problemAt("days_absent", rec, fmt.Sprintf(
			"缺勤天数%d大于应出勤天数%d：缺勤天数不能超过应出勤天数，请核对", absent, req)))
	}
	if absent >= 0 && excused > absent {
		probs = append(probs, v.problemAt("days_excused", rec, fmt.Sprintf(
			"病事假天数%d大于缺勤天数%d：病事假是缺勤的一部分，请核对", excused, absent)))
	}
	return probs
}

// number is the parsed value of the column with the given key in the
// current row, or -1 when the cell is blank or did not parse.
func (v *validator) number(key string) int {
	i := v.colIndex(key)
	if i < 0 || !v.out[i].ok {
		return -1
	}
	n, err := strconv.Atoi(v.out[i].s)
	if err != nil {
		return -1
	}
	return n
}

func (v *validator) problemAt(key string, rec []string, reason string) Problem {
	i := v.colIndex(key)
	return v.problem(i, v.cell(rec, i), reason)
}

// daysIn is the length of a calendar month.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
