package demotown

// evKind is the one notable thing that happens to a child, if any.
type evKind uint8

// Event kinds. Each child has at most one.
const (
	evNone        evKind = iota
	evDropReg            // registered dropout (辍学登记, roster 辍学)
	evDropUnreg          // vanishes from the rosters without any record
	evTransfer           // roster 转出
	evMigrate            // leaves with parents: migration 随迁外出
	evInflow             // moves in from another county: migration 流入
	evOtherDoc           // has another document type than 居民身份证
	evDeath              // household 死亡 and/or roster 死亡
	evHukouOut           // household 迁出
	evSuspend            // roster 休学
	evNever              // never enrolled anywhere
	evDisabled           // in the disability census
	evDoubleEnrol        // moves school; the old school forgets 转出 (重复学籍)
	evGradeTypo          // one roster row says 二年级 for 初二 (年龄与年级不符)
	evCount
)

// evWeights are the chances (per 10,000 children) of each event kind.
var evWeights = [evCount]int{
	evNone: 8655, evDropReg: 140, evDropUnreg: 70, evTransfer: 80, evMigrate: 400,
	evInflow: 300, evOtherDoc: 30, evDeath: 15, evHukouOut: 100, evSuspend: 30,
	evNever: 30, evDisabled: 130, evDoubleEnrol: 0, evGradeTypo: 0, // the last two: showcase only
}

// Variants of the events (event.v1).
const (
	persuading, returned, unreturnable        = 0, 1, 2 // 劝返状态 of a registered dropout
	vanishTerm2, vanishReturn, vanishSummer   = 0, 1, 2 // unregistered dropout
	neverLeavesRegister                       = 1       // never enrolled, then gone from the last household extract
	deathBoth, deathHousehold, deathRoster    = 0, 1, 2 // where a death is recorded
	returnTerm2, returnNextYear               = 0, 1    // when a registered dropout returned (v2)
	staleRegister, rosterOnly                 = 2, 3    // v2: register left at 劝返中 though back; no register row
	docTypeHK, docTypePassport                = 0, 3    // otherDocs indexes
	placeMainstream, placeSpecial, placeHome  = 0, 1, 2 // disability placements
	placeDeferred, placeExempt, placeNotEnrol = 3, 4, 5
)

// event is a child's notable event: its kind, school year y, term t,
// variants v1/v2 and the details the files need.
type event struct {
	kind      evKind
	y, t      int
	v1, v2    int
	day, day2 date // dropout and return dates
	reason    int8
	placement int8
	visits    int8
	measure   int8
	lvl       int8 // disability grade 1-4
}

// planEvent draws the child's event (or takes the showcase scenario) and
// fixes its time and variants; an event that cannot happen inside the
// window becomes evNone.
func (g *gen) planEvent(c *child, r *rng, sc *scenario) {
	kind := evKind(r.weighted(evWeights[:]))
	v1, v2 := -1, -1
	if sc != nil {
		kind, v1, v2 = sc.kind, sc.v1, sc.v2
		g.forceBaseline(c, sc)
	}
	c.ev = event{kind: kind}
	if !g.plan(c, r, v1, v2) {
		c.ev = event{}
	}
}

// plan dispatches to the planner of the event kind.
func (g *gen) plan(c *child, r *rng, v1, v2 int) bool {
	switch c.ev.kind {
	case evDropReg:
		return g.planDropReg(c, r, v1, v2)
	case evDropUnreg:
		return g.planDropUnreg(c, r, v1)
	case evTransfer, evSuspend:
		return g.planSchoolTerm(c, r, v1)
	case evMigrate, evInflow:
		return g.planMove(c, r, v1)
	case evOtherDoc:
		c.ev.v1 = pick(r, v1, []int{50, 15, 15, 20})
		return g.inSchoolInWindow(c)
	case evDeath, evHukouOut:
		return g.planRegister(c, r, v1)
	case evNever:
		c.ev.v1 = max(v1, 0) // drawn: stays in the register
		return g.ageInWindow(c, 6, 15) && (v1 != neverLeavesRegister || g.years >= 2 && c.age(g.first) <= 14)
	case evDoubleEnrol:
		return g.planDoubleEnrol(c, r)
	case evGradeTypo:
		return g.planGradeTypo(c, r)
	case evDisabled:
		c.ev.v1 = pick(r, v1, []int{20, 20, 30, 15, 7, 8})
		c.ev.v2 = pick(r, v2, []int{55, 12, 15, 6, 5, 7})
		c.ev.lvl = int8(r.between(1, 4))
		return g.ageInWindow(c, 6, 15)
	}
	return true
}

// pick returns forced when it is set (>= 0), else a weighted draw.
func pick(r *rng, forced int, w []int) int {
	k := r.weighted(w)
	if forced >= 0 {
		return forced
	}
	return k
}

// pickYear draws a window year up to yMax in which the child's ordinary
// path has a grade in [lo, hi].
func (g *gen) pickYear(c *child, r *rng, lo, hi int8, yMax int) (int, bool) {
	var cand [maxYears]int
	n := 0
	for y := g.first; y <= yMax; y++ {
		if gr := c.gradeAt(y, 0); gr >= lo && gr <= hi {
			cand[n] = y
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return cand[r.intn(n)], true
}

// pickLevelYear draws a dropout year at a level drawn first: a junior
// grade (7-9) five times in six, else a primary grade. A child without a
// window year at that level does not drop out, which keeps primary
// dropouts rare (the line is 0.5% against 2.5% for junior school).
func (g *gen) pickLevelYear(c *child, r *rng, yMax int) (int, bool) {
	lo, hi := int8(1), int8(6)
	if r.chance(5.0 / 6) {
		lo, hi = 7, 9
	}
	return g.pickYear(c, r, lo, hi, yMax)
}

// ageInWindow reports whether age(y) is in [lo, hi] for some window year.
func (g *gen) ageInWindow(c *child, lo, hi int) bool {
	return g.ageFrom(c, g.first, lo, hi)
}

// inSchoolInWindow reports whether the ordinary path has a grade in some
// window year.
func (g *gen) inSchoolInWindow(c *child) bool {
	for y := g.first; y <= g.last; y++ {
		if c.gradeAt(y, 0) != 0 {
			return true
		}
	}
	return false
}

// ageFrom reports whether age(y) is in [lo, hi] for a window year >= from.
func (g *gen) ageFrom(c *child, from, lo, hi int) bool {
	for y := max(from, g.first); y <= g.last; y++ {
		if a := c.age(y); a >= lo && a <= hi {
			return true
		}
	}
	return false
}

// planDropUnreg places an unregistered dropout: vanishing from the term-2
// roster, vanishing and coming back next year, or vanishing over summer.
func (g *gen) planDropUnreg(c *child, r *rng, v1 int) bool {
	e := &c.ev
	e.v1 = pick(r, v1, []int{60, 20, 20})
	var ok bool
	switch e.v1 {
	case vanishTerm2:
		e.y, ok = g.pickLevelYear(c, r, g.last)
	case vanishReturn:
		e.y, ok = g.pickLevelYear(c, r, g.last-1)
	default:
		e.y, ok = g.pickYear(c, r, 1, 8, g.last-1)
	}
	return ok
}

// planSchoolTerm places a transfer out (v1 = 1: the family's migration
// row carries a proof) or a suspension at one term of grades 1-9.
func (g *gen) planSchoolTerm(c *child, r *rng, v1 int) bool {
	e := &c.ev
	var ok bool
	e.y, ok = g.pickYear(c, r, 1, 9, g.last)
	e.t = 1 + r.intn(2)
	e.v1 = pick(r, v1, []int{50, 50})
	return ok
}

// planMove places a departure with parents (v1 = 1 with enrolment proof,
// v2 the flavour of a missing proof) or an arrival from elsewhere, in a
// year that may lie before the window.
func (g *gen) planMove(c *child, r *rng, v1 int) bool {
	e := &c.ev
	back := 3
	if e.kind == evInflow {
		back = 6
	}
	e.y = r.between(g.first-back, g.last)
	e.v1 = pick(r, v1, []int{18, 82})
	e.v2 = r.intn(3)
	return g.ageFrom(c, e.y, 3, 15)
}

// planRegister places a death (v1: recorded in both files, the household
// register only, or the roster only) or a household 迁出 (v1 = 1: the
// school also lists the child as 转出).
func (g *gen) planRegister(c *child, r *rng, v1 int) bool {
	e := &c.ev
	e.y = r.between(g.first, g.last)
	if a := c.age(e.y); a < 0 || a > 18 {
		return false
	}
	inSchool := c.gradeAt(e.y, 0) != 0
	if e.kind == evDeath {
		e.v1 = pick(r, v1, []int{40, 30, 30})
		if e.v1 != deathHousehold && !inSchool {
			e.v1 = deathHousehold
			return v1 < 0
		}
		return true
	}
	e.v1 = pick(r, v1, []int{50, 50})
	if e.v1 == 1 && !inSchool {
		e.v1 = 0
		return v1 < 0
	}
	return true
}
