package ingest

import "fmt"

// attendanceChecks applies the rules of a 月考勤 row that involve more
// than one cell (docs/inputs.md, kind 11): 应出勤天数 fits in the month
// (a month of school year Y from September to December lies in Y, January
// to August in Y+1), 缺勤天数 is at most 应出勤天数, and 病事假天数 at most
// 缺勤天数. A rule is checked only when the cells it compares parsed.
func (v *validator) attendanceChecks(rec []string) []Problem {
	a := &v.att
	year, month := v.number(a.year), v.number(a.month)
	req, absent, excused := v.number(a.required), v.number(a.absent), v.number(a.excused)
	var probs []Problem
	if year >= 0 && month >= 0 && req >= 0 {
		cal := year
		if month < 9 {
			cal++
		}
		if n := daysIn(cal, month); req > n {
			probs = append(probs, v.problem(a.required, v.cell(rec, a.required), fmt.Sprintf(
				"应出勤天数%d超过了%d年%d月的天数（%d天）：请核对天数或月份", req, cal, month, n)))
		}
	}
	if req >= 0 && absent > req {
		probs = append(probs, v.problem(a.absent, v.cell(rec, a.absent), fmt.Sprintf(
			"缺勤天数%d大于应出勤天数%d：缺勤天数不能超过应出勤天数，请核对", absent, req)))
	}
	if absent >= 0 && excused > absent {
		probs = append(probs, v.problem(a.excused, v.cell(rec, a.excused), fmt.Sprintf(
			"病事假天数%d大于缺勤天数%d：病事假是缺勤的一部分，请核对", excused, absent)))
	}
	return probs
}

// attendanceColumns are the columns of a 月考勤 row its rules compare
// (-1 in other kinds).
type attendanceColumns struct{ year, month, required, absent, excused int }

func (v *validator) attendanceColumns() attendanceColumns {
	return attendanceColumns{year: v.colIndex("school_year"), month: v.colIndex("month"),
		required: v.colIndex("days_required"), absent: v.colIndex("days_absent"), excused: v.colIndex("days_excused")}
}

// number is the parsed value of column i in the current row, or -1 when
// the cell is blank or did not parse.
func (v *validator) number(i int) int {
	if i < 0 || !v.out[i].ok {
		return -1
	}
	return int(v.out[i].num)
}

func (v *validator) problemAt(key string, rec []string, reason string) Problem {
	i := v.colIndex(key)
	return v.problem(i, v.cell(rec, i), reason)
}

// daysIn is the length of a calendar month (1-12).
func daysIn(year, month int) int {
	switch {
	case month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0):
		return 29
	case month == 2:
		return 28
	case month == 4 || month == 6 || month == 9 || month == 11:
		return 30
	}
	return 31
}
