package demotown

import (
	"fmt"
	"math"
	"strconv"
)

// Monthly attendance (月考勤) is synthetic, and this is what it assumes
// (docs/indicators.md restates it):
//
//   - every school with grades 1-9 reports every pupil 在读 at grades 1-9
//     for every month of a term the pupil attends (September to January,
//     February to July); kindergartens report nothing;
//   - 应出勤天数 follows a fixed calendar (monthDays: National Day in
//     October, winter holiday from mid-January, Spring Festival in
//     February, summer from mid-July);
//   - an ordinary pupil misses an unexcused day or two in about one month
//     in twelve, and takes 1-3 days of sick or personal leave (病事假) in
//     about one month in seven; one pupil in twenty-five is a habitual
//     absentee, missing 5-20% of days without leave in most months, and
//     most of them never drop out (the false alarms of the backtest);
//   - seven dropouts in ten show rising unexcused absence in the months
//     before they leave (about 40% of days the month before, falling by
//     6 points a month further back, times a noise factor of 0.6-1.4), and
//     miss 60% of the month they leave in; three in ten show nothing;
//   - a pupil with an all-digit document number (台湾居民来往大陆通行证) is not
//     reported: kind 11 has no 身份证件类型, so such a number would read as a
//     bad identity number (inputs.md); the absence signals of that pupil
//     stay unknown;
//   - a pupil who has left is no longer reported from the month after,
//     until the month a registered dropout comes back (返校日期).
//
// The dropout's leaving month is its 辍学日期 for a registered dropout,
// February for one who vanished from the term-2 roster, and August for
// one lost over the summer.

// monthDays is 应出勤天数 per calendar month (index 1-12; August none).
var monthDays = [13]int{0, 10, 8, 22, 20, 19, 20, 5, 0, 20, 16, 21, 22}

// termMonths are the months of each term in order.
var termMonths = [2][]int{{9, 10, 11, 12, 1}, {2, 3, 4, 5, 6, 7}}

// Column indexes of the attendance kind (月考勤).
const (
	aYear = iota
	aMonth
	aSchool
	aID
	aName
	aRequired
	aAbsent
	aExcused
	aReason
)

// attendanceSchema is kind 11 of inputs.md.
var attendanceSchema = schema{"attendance", []field{req("学年", "school_year"), req("月份", "month"),
	req("学校标识码", "school_code"), req("身份证件号", "id_number"), req("姓名", "name"),
	req("应出勤天数", "days_required"), req("缺勤天数", "days_absent"), fix("病事假天数", "days_excused"),
	droppable("缺勤原因", "absence_reason")}}

// openAttendance opens the attendance files of a school year: one per
// school with pupils, or one town-wide file in a large town.
func (g *gen) openAttendance(fs *fileSet, dir string, yi int, span string, open func(string, *schema, int) (*outFile, error)) error {
	n := g.rosterFilesPerTerm()
	fs.attendance[yi] = make([]*outFile, n)
	for s := 0; s < n; s++ {
		unit := g.opt.TownName + "全镇"
		if !g.large {
			if g.schools[s].typ == typeKG {
				continue
			}
			unit = g.schools[s].name
		}
		f, err := open(fmt.Sprintf("月考勤_%s_%s.csv", span, unit), &attendanceSchema, yi*n+s)
		if err != nil {
			return err
		}
		fs.attendance[yi][s] = f
	}
	return nil
}

// emitAttendance writes the child's monthly rows of school year y.
func (g *gen) emitAttendance(fs *fileSet, c *child, y int) error {
	if c.idType >= 0 && (c.id[0] < 'A' || c.id[0] > 'Z') {
		return nil // an all-digit document number would read as a bad identity number
	}
	yi := y - g.first
	leave, back := c.leaveMonth(), 0
	if c.ev.y != y {
		leave = 0 // the ramp and the gap belong to the year of leaving
	} else if leave > 0 {
		g.facts[map[bool]string{true: "attendance_dropouts_signalled", false: "attendance_dropouts_silent"}[c.signalled(g.seed)]]++
	}
	if c.ev.kind == evDropReg && c.ev.v1 == returned {
		back = c.ev.day2.y*12 + c.ev.day2.m - 1
	}
	for t := 0; t < 2; t++ {
		st := c.terms[2*yi+t]
		if st.grade < 1 || (st.st != stEnrolled && st.st != stGraduated && st.st != stDropped) {
			continue
		}
		files := fs.attendance[yi]
		f := files[0]
		if len(files) > 1 {
			f = files[st.school]
		}
		for _, m := range termMonths[t] {
			abs := monthIndex(y, m)
			if leave > 0 && abs > leave && (back == 0 || abs < back) {
				continue // gone, and not yet back
			}
			if err := g.emitMonth(f, c, y, m, st, abs, leave); err != nil {
				return err
			}
		}
	}
	return nil
}

// monthIndex numbers calendar months: month m of school year y.
func monthIndex(y, m int) int {
	if m < 9 {
		y++
	}
	return y*12 + m - 1
}

// leaveMonth is the month index a dropout leaves in, 0 for other children.
func (c *child) leaveMonth() int {
	e := &c.ev
	switch {
	case e.kind == evDropReg:
		return e.day.y*12 + e.day.m - 1
	case e.kind == evDropUnreg && e.v1 == vanishSummer:
		return monthIndex(e.y, 8)
	case e.kind == evDropUnreg:
		return monthIndex(e.y, 2)
	}
	return 0
}

// signalled reports whether a dropout shows rising absence before leaving
// (seven in ten).
func (c *child) signalled(seed uint64) bool { return mix64(uint64(c.idx)^seed)%10 < 7 }

// emitMonth writes one pupil's row of one month.
func (g *gen) emitMonth(f *outFile, c *child, y, m int, st termState, abs, leave int) error {
	r := newRng(g.seed, uint64(c.idx), uint64(abs)<<3|5)
	req := monthDays[m]
	excused := 0
	if r.chance(1.0 / 7) {
		excused = min(req, r.between(1, 3))
	}
	share := 0.0
	switch signalled := c.signalled(g.seed); {
	case leave > 0 && signalled && abs == leave:
		share = 0.6
	case leave > 0 && signalled && leave-abs <= 7:
		share = math.Max(0, 0.46-0.06*float64(leave-abs)) * (0.6 + 0.8*float64(r.intn(1000))/1000)
	case mix64(uint64(c.idx)*31+g.seed)%25 == 0:
		share = 0.05 + 0.15*float64(r.intn(1000))/1000
	case r.chance(1.0 / 12):
		share = float64(r.between(1, 2)) / float64(max(req, 1))
	}
	unexcused := min(req-excused, int(math.Round(share*float64(req))))
	v, s := f.reset(), &f.st
	rh := f.rowHash(c.idx, abs)
	v[aYear], v[aMonth], v[aSchool] = s.schoolYear(y, rh), strconv.Itoa(m), g.schools[st.school].code
	v[aID], v[aName] = s.idNumber(c.id, rh), c.name
	v[aRequired], v[aAbsent] = strconv.Itoa(req), strconv.Itoa(excused+unexcused)
	if excused > 0 || rh%3 != 0 {
		v[aExcused] = strconv.Itoa(excused)
	}
	switch {
	case excused > 0 && unexcused == 0:
		v[aReason] = "病假"
	case unexcused > 0:
		v[aReason] = "无故缺勤"
	}
	g.facts["attendance_rows"]++
	return f.write(rowExtra{})
}
