package demotown

// timeline fills the child's roster states, household statuses and
// migration rows for every term and year of the window.
func (g *gen) timeline(c *child) {
	for yi := 0; yi < g.years; yi++ {
		y := g.first + yi
		gr := c.gradeAt(y, c.lostBefore(y))
		for t := 1; t <= 2; t++ {
			var st termState
			if gr != 0 && c.attends() {
				st = g.moved(c, g.enrol(c, gr, t), y, t)
			}
			c.terms[2*yi+t-1] = c.applyEvent(st, y, t)
		}
		c.hh[yi] = c.household(y)
		if c.ev.kind == evNever && c.ev.v1 == neverLeavesRegister && y == g.last {
			c.hh[yi] = hhNone // the last extract drops the child: its case closes 已出名单
		}
		c.mig[yi] = c.migration(y)
	}
}

// lostBefore counts school years lost before y: a suspension, or a
// dropout followed by a return the next school year.
func (c *child) lostBefore(y int) int {
	e := &c.ev
	if y <= e.y {
		return 0
	}
	switch {
	case e.kind == evSuspend,
		e.kind == evDropReg && e.v1 == returned && e.v2 == returnNextYear,
		e.kind == evDropReg && e.v2 == staleRegister,
		e.kind == evDropUnreg && e.v1 == vanishReturn:
		return 1
	}
	return 0
}

// attends reports whether the child goes to a town school at all.
func (c *child) attends() bool {
	switch c.ev.kind {
	case evNever:
		return false
	case evDisabled:
		return c.ev.v2 == placeMainstream
	}
	return true
}

// enrol places the child in its school and class for a grade; grade 6 and
// grade 9 pupils are 毕业 at the term-2 snapshot (end of the school year).
func (g *gen) enrol(c *child, gr int8, t int) termState {
	return g.enrolAt(c, c.schoolFor(gr), gr, t)
}

// enrolAt places the child in school s at a grade.
func (g *gen) enrolAt(c *child, s int, gr int8, t int) termState {
	n := g.schools[s].classes[level(gr)]
	class := 1 + int(mix64(c.classSalt^uint64(s))%uint64(n))
	st := termState{school: int32(s), grade: gr, class: int8(min(class, 99)), st: stEnrolled}
	if t == 2 && (gr == 6 || gr == 9) {
		st.st = stGraduated
	}
	return st
}

// applyEvent changes an ordinary term state for the child's event. The
// term-1 roster is the start-of-year snapshot, the term-2 roster the
// end-of-year one.
func (c *child) applyEvent(st termState, y, t int) termState {
	e := &c.ev
	none := termState{}
	present := st.st != stNone
	switch e.kind {
	case evDropReg:
		back := e.v1 == returned || e.v2 == staleRegister
		if y == e.y && t == 2 && present && !(back && e.v2 == returnTerm2) {
			st.st = stDropped
		}
		if y > e.y && !back {
			return none
		}
	case evDropUnreg:
		gone := y > e.y || (y == e.y && t == 2)
		if (e.v1 == vanishTerm2 && gone) || (e.v1 == vanishReturn && y == e.y && t == 2) ||
			(e.v1 == vanishSummer && y > e.y) {
			return none
		}
	case evTransfer:
		if y == e.y && t == e.t {
			st.st = stTransferred
		}
		if y > e.y || (y == e.y && t > e.t) {
			return none
		}
	case evMigrate:
		if y >= e.y {
			return none
		}
	case evInflow:
		if y < e.y {
			return none
		}
	case evDeath:
		return c.deathTerm(st, y, t)
	case evHukouOut:
		if y > e.y || (y == e.y && t == 2) || (y == e.y && e.v1 == 0) {
			return none
		}
		if y == e.y && present {
			st.st = stTransferred
		}
	case evSuspend:
		if y == e.y && t >= e.t && present {
			st.st = stSuspended
		}
	}
	return st
}

// deathTerm applies a death during term 2 of e.y.
func (c *child) deathTerm(st termState, y, t int) termState {
	e := &c.ev
	switch {
	case y < e.y || t == 1 && y == e.y:
		return st
	case y > e.y || e.v1 == deathHousehold || st.st == stNone:
		return termState{}
	}
	st.st = stDead
	return st
}

// household returns the child's 户籍状态 in the extract of y (hhNone: no
// row). A death recorded only by the school leaves the register at 正常.
func (c *child) household(y int) uint8 {
	if a := c.age(y); !c.local || a < 0 || a > 18 {
		return hhNone
	}
	e := &c.ev
	switch e.kind {
	case evDeath:
		switch {
		case y < e.y || e.v1 == deathRoster:
			return hhNormal
		case y == e.y:
			return hhDead
		}
		return hhNone
	case evHukouOut:
		switch {
		case y < e.y:
			return hhNormal
		case y == e.y:
			return hhMovedOut
		}
		return hhNone
	}
	return hhNormal
}

// migration returns the child's migration census row kind for y.
func (c *child) migration(y int) uint8 {
	a := c.age(y)
	if a < 0 || a > 17 {
		return migNone
	}
	e := &c.ev
	switch e.kind {
	case evMigrate:
		switch {
		case y >= e.y && a >= 3 && e.v1 == 1:
			return migOutProof
		case y >= e.y && a >= 3:
			return migOutNoProof
		}
	case evTransfer:
		if e.v1 == 1 && (y > e.y || y == e.y && e.t == 1) {
			return migOutProof
		}
	case evInflow:
		if y >= e.y {
			return migIn
		}
		return migNone
	case evDeath, evHukouOut:
		if y >= e.y {
			return migNone
		}
	}
	if c.leftBehind > 0 && c.local && !(e.kind == evTransfer && y >= e.y) {
		return migLeftBehind
	}
	return migNone
}
