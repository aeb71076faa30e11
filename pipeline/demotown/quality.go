package demotown

// The cases the data-quality mart looks for, each shown at least once:
// 重复学籍 (evDoubleEnrol), 年龄与年级不符 (evGradeTypo), 学籍与辍学登记矛盾
// (registered dropouts with v2 staleRegister or rosterOnly, dropout.go)
// and 名册未报送 (one kindergarten's roster of one term is not sent).

// planDoubleEnrol places a pupil of grades 2-5 who moves, at term 2, to
// another primary-level school of the town; the old school forgets to
// mark the pupil 转出 and lists it 在读 in its term-2 roster too. v1 is the
// new school.
func (g *gen) planDoubleEnrol(c *child, r *rng) bool {
	e := &c.ev
	var ok bool
	e.y, ok = g.pickYear(c, r, 2, 5, g.last)
	e.t = 2
	e.v1 = g.otherPrimary(c.priSchool)
	return ok && e.v1 >= 0
}

// otherPrimary returns the first primary-level school other than s, or -1.
func (g *gen) otherPrimary(s int) int {
	for i := range g.schools {
		if t := g.schools[i].typ; i != s && (t == typePri || t == typeNine) {
			return i
		}
	}
	return -1
}

// moved puts a pupil who changed primary school in the new school from
// the term of the move on, while the pupil is at primary level.
func (g *gen) moved(c *child, st termState, y, t int) termState {
	e := &c.ev
	if e.kind != evDoubleEnrol || level(st.grade) != 1 || y < e.y || y == e.y && t < e.t {
		return st
	}
	return g.enrolAt(c, e.v1, st.grade, t)
}

// ghostRow returns the stale 在读 row the old school still sends for a
// pupil who moved, if the pupil moved in year y.
func (g *gen) ghostRow(c *child, y int) (termState, bool) {
	e := &c.ev
	st := c.terms[2*(y-g.first)+1]
	if e.kind != evDoubleEnrol || y != e.y || st.st != stEnrolled {
		return termState{}, false
	}
	return g.enrolAt(c, c.priSchool, st.grade, 2), true
}

// caseRow reports whether the child's roster row of (y, t) shows one of
// these cases; such a row is never broken or duplicated, so that the case
// stays visible in the valid data.
func (c *child) caseRow(y, t int) bool {
	e := &c.ev
	switch {
	case e.kind == evGradeTypo, e.kind == evDoubleEnrol,
		e.kind == evDropReg && e.v2 == rosterOnly:
		return y == e.y && t == 2
	case e.kind == evDropReg && e.v2 == staleRegister:
		return y == e.y+1 && t == 1
	}
	return false
}

// planGradeTypo places a pupil whose term-2 roster row in a year at 初二
// says 二年级: a 13-year-old in grade 2.
func (g *gen) planGradeTypo(c *child, r *rng) bool {
	e := &c.ev
	var ok bool
	e.y, ok = g.pickYear(c, r, 8, 8, g.last)
	e.t = 2
	return ok
}

// gradeTypo reports whether the roster row of (y, t) is the mistyped one.
func (c *child) gradeTypo(y, t int, st termState) bool {
	e := &c.ev
	return e.kind == evGradeTypo && y == e.y && t == e.t && st.grade == 8 && st.st == stEnrolled
}

// notSent is the roster one school did not send: the smallest
// kindergarten's term-1 roster of the second school year.
type notSent struct {
	on       bool
	school   int
	yi, term int
}

// chooseNotSent picks the missing roster (none in a one-year window).
func (g *gen) chooseNotSent() {
	if g.years < 2 {
		return
	}
	size := make([]int, len(g.schools))
	for _, v := range g.villages {
		size[v.kg] += v.weight
	}
	best := -1
	for i, s := range g.schools {
		if s.typ == typeKG && (best < 0 || size[i] < size[best]) {
			best = i
		}
	}
	if best >= 0 {
		g.skip = notSent{on: true, school: best, yi: 1, term: 1}
	}
}

// rosterSent reports whether the roster of (year index, term, school) was
// sent.
func (g *gen) rosterSent(yi, t, school int) bool {
	s := &g.skip
	return !s.on || s.yi != yi || s.term != t || s.school != school
}
