package demotown

import "strconv"

// Value lists of disability fields.
var (
	disabilityLabels = []string{"视力残疾", "听力残疾", "智力残疾", "肢体残疾", "精神残疾", "多重残疾"}
	placementLabels  = []string{"随班就读", "特殊教育学校", "送教上门", "缓学", "免学", "未入学"}
	levelLabels      = []string{"一级", "二级", "三级", "四级"}
)

// rowCtx remembers, while one child's year is written, whether its term-1
// roster row was broken (a term-2 typo must follow a clean term-1 row).
type rowCtx struct{ broke1 bool }

// rosterBroken are the roster columns broken cells go into.
var rosterBroken = brokenCols{id: rID, name: rName, birth: rBirth, grade: rGrade, school: rSchool}

// emitRoster writes the child's roster row for (y, t), maybe broken or
// duplicated.
func (g *gen) emitRoster(f *outFile, c *child, y, t int, st termState, ctx *rowCtx) error {
	rh := f.rowHash(c.idx, y*4+t)
	g.fillRoster(f, c, y, t, st, rh)
	if c.gradeTypo(y, t, st) {
		f.vals[rGrade] = hanGrades[st.grade-6] // 初二 entered as 二年级
		g.facts["age_grade_mismatch"]++
	}
	if c.caseRow(y, t) {
		return g.writeRoster(f, c, st, rh)
	}
	class := classRoster1 + t - 1
	elig := g.rosterEligible(f, c, y, t, st, ctx)
	r := newRng(rh, 77, 7)
	bt := g.takeOrForce(f, class, &elig)
	if bt != brNone {
		g.breakCell(f, bt, rosterBroken, c, &r)
		if t == 1 {
			ctx.broke1 = true
		} else if bt == brBadCheck {
			g.facts["typo_not_dropout"]++
		}
	}
	if err := g.writeRoster(f, c, st, rh); err != nil {
		return err
	}
	if bt != brNone || !g.brk.dup() {
		return nil
	}
	f.vals[rPhone] = mobile(&r) // the later copy carries a newer phone
	g.facts["duplicate_rows"]++
	return g.writeRoster(f, c, st, rh)
}

// writeRoster writes the roster row built in f.vals.
func (g *gen) writeRoster(f *outFile, c *child, st termState, rh uint64) error {
	g.facts["roster_rows"]++
	return f.write(rowExtra{addr: g.villages[c.village].name, note: note(rh, st)})
}

// emitGhost writes the term-2 row the old school still sends, 在读, for a
// pupil who moved to another town school (重复学籍); it is never broken.
func (g *gen) emitGhost(f *outFile, c *child, y int, st termState) error {
	rh := f.rowHash(c.idx, y*4+2)
	g.fillRoster(f, c, y, 2, st, rh)
	g.facts["double_enrolments"]++
	return g.writeRoster(f, c, st, rh)
}

// rosterEligible says which broken types a roster row may take. In term 2
// a wrong check character only hits a pupil 在读 in both terms of the year
// whose term-1 row is clean, so it reads as a dropout that is only a typo.
func (g *gen) rosterEligible(f *outFile, c *child, y, t int, st termState, ctx *rowCtx) [brCount]bool {
	resident := c.idType < 0
	typo := t == 1 || (st.st == stEnrolled && st.grade >= 1 && !ctx.broke1 &&
		c.terms[2*(y-g.first)].st == stEnrolled)
	return [brCount]bool{
		brBadCheck: resident && typo, brFloat: resident && floatEligible(f, c.id),
		brBirthMismatch: resident, brBadDate: true, brBadGrade: st.grade >= 1,
		brNoName: true, brBadSchool: true,
	}
}

// fillRoster builds the canonical values of a roster row.
func (g *gen) fillRoster(f *outFile, c *child, y, t int, st termState, rh uint64) {
	v, s := f.reset(), &f.st
	v[rYear] = s.schoolYear(y, rh)
	v[rTerm] = termLabels[s.pick(chTerm, rh)][t-1]
	v[rSchool] = g.schools[st.school].code
	v[rName], v[rGender], v[rBirth] = c.name, s.gender(c.male, rh), c.birthText(s.pick(chDate, rh))
	v[rIDType], v[rID] = s.idType(c.idType, rh), s.idNumber(c.id, rh)
	v[rStudentNo] = c.studentNo(st, rh)
	v[rGrade], v[rClass] = s.grade(st.grade, rh), s.class(st.class, rh)
	v[rStatus] = statusLabels[rosterStatus(st.st)]
	if s.blankDef && rh%3 == 0 {
		v[rStatus] = blankIf(rosterStatus(st.st) == stEnrolled, v[rStatus])
		v[rIDType] = blankIf(c.idType < 0, v[rIDType])
	}
	v[rEnrolled] = septemberLabel(c.entryYear(st.grade, y), s.pick(chYM, rh))
	if c.local {
		v[rHukou] = g.villages[c.village].code
	}
	v[rLeftBehind] = leftLabels[s.pick(chLeft, rh)][c.leftBehind]
	v[rMigrant] = s.yesNo(c.ev.kind == evInflow, rh)
	v[rOrphan] = s.yesNo(c.orphan, rh)
	if c.ev.kind == evDisabled {
		v[rDisability] = disabilityLabels[c.ev.v1]
	}
	v[rAid] = s.yesNo(c.poor, rh)
	v[rAllowance] = s.yesNo(c.poor && st.grade >= 7, rh)
	v[rTeacher] = g.teacher(st, y)
	v[rGuardian], v[rPhone] = c.guardian, c.gphone
	blankOptional(v, []int{rEnrolled, rHukou, rOrphan, rAid, rAllowance, rPhone}, rh)
}

// blankIf returns "" when cond holds, else s.
func blankIf(cond bool, s string) string {
	if cond {
		return ""
	}
	return s
}

// blankOptional leaves an optional cell of about one row in twenty blank.
func blankOptional(v []string, cols []int, rh uint64) {
	if rh%20 == 7 {
		v[cols[int(rh>>20)%len(cols)]] = ""
	}
}

// studentNo gives 全国学籍号: G + identity number for residents, L + a
// number for other documents, blank for kindergarten and now and then.
func (c *child) studentNo(st termState, rh uint64) string {
	switch {
	case st.grade < 0 || rh%7 == 3:
		return ""
	case c.stuNo != "":
	case c.idType < 0:
		c.stuNo = "G" + c.id
	default:
		c.stuNo = "L" + strconv.Itoa(20000000+c.idx)
	}
	return c.stuNo
}

// entryYear is the year of 入学年月 at the child's current school level.
func (c *child) entryYear(gr int8, y int) int {
	var e int
	switch {
	case gr < 0:
		e = c.cohort + 1 + int(c.kgAge)
	case gr <= 6:
		e = c.cohort + 7 + int(min(c.late, 1))
	default:
		e = y - int(gr-7)
	}
	if c.ev.kind == evInflow && c.ev.y > e {
		e = c.ev.y
	}
	return min(e, y)
}

// teacher names the head teacher of a class; a class keeps its teacher as
// it moves up the grades. Names go through a small direct-mapped cache.
func (g *gen) teacher(st termState, y int) string {
	key := uint64(st.school)<<20 | uint64(y-int(st.grade))<<8 | uint64(st.class)
	slot := &g.teachers[mix64(key)%uint64(len(g.teachers))]
	if slot.ok && slot.key == key {
		return slot.name
	}
	r := newRng(g.seed, key, 61)
	*slot = teacherSlot{key: key, name: adultName(&r, 0), ok: true}
	return slot.name
}

// teacherSlot is one entry of the head-teacher name cache.
type teacherSlot struct {
	key  uint64
	name string
	ok   bool
}

// note is the 备注 cell: mostly blank, sometimes a clerk's remark.
func note(rh uint64, st termState) string {
	switch {
	case st.st == stDropped && rh%2 == 0:
		return "已上报镇中心校"
	case st.st == stTransferred:
		return "转往外地"
	case rh%97 == 5:
		return "家长电话已核实"
	}
	return ""
}

// rosterStatus is the status a term-2 roster shows: the national system
// marks a leaver 毕业 only after the term ends (July), so at the spring
// snapshot the grade-6 and grade-9 pupils who will graduate are still 在读.
// The generator keeps stGraduated internally for the graduate and handoff
// files.
func rosterStatus(st status) status {
	if st == stGraduated {
		return stEnrolled
	}
	return st
}
