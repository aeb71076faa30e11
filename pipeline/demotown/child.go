package demotown

import "strconv"

// maxYears bounds Options.Years so a child's timeline fits fixed arrays.
const maxYears = 10

// status is a roster 学籍状态; stNone means "not on any roster".
type status uint8

// Roster statuses.
const (
	stNone status = iota
	stEnrolled
	stSuspended
	stTransferred
	stDropped
	stDead
	stGraduated
)

// statusLabels are the 学籍状态 values as written.
var statusLabels = [...]string{"", "在读", "休学", "转出", "辍学", "死亡", "毕业"}

// Grades: kindergarten years are negative, school grades 1-9, 0 is "none".
const (
	gradeK1 int8 = -3
	gradeK3 int8 = -1
)

// termState is where a child stands at one term's roster snapshot.
type termState struct {
	school int32
	grade  int8
	class  int8
	st     status
}

// Household register statuses (户籍状态) per year; hhNone = no row.
const (
	hhNone uint8 = iota
	hhNormal
	hhMovedOut
	hhDead
)

// Migration census row kinds per year; migNone = no row.
const (
	migNone uint8 = iota
	migOutProof
	migOutNoProof
	migIn
	migLeftBehind
)

// child is one child's whole history inside the window of school years.
// It is recomputed from (seed, index) whenever it is needed.
type child struct {
	idx, seq         int
	ev               event
	local            bool // 户籍 in the town: listed in the household register
	idType           int  // -1 resident identity number, else otherDocs index
	id, name         string
	male             bool
	surname          rune
	birth            date
	cohort           int
	village, group   int
	hhNo             string
	guardian, gphone string
	leftBehind       int8
	poor, orphan     bool
	late             int8 // 1 still in kindergarten at 6, 2 at home at 6
	kgAge            int8 // age entering kindergarten (3-5), 0 never
	repeat           int8 // grade repeated once, 0 none
	kgSchool         int
	k3School         int
	priSchool        int
	junSchool        int
	classSalt        uint64
	dest             int8               // junior graduate destination
	handoff          [3]int8            // per handoff date: 0 on time, 1 late, 2 blank
	stuNo            string             // 全国学籍号, built on first use
	birthFmt         [dateStyles]string // 出生日期 per date style, built on first use
	terms            [2 * maxYears]termState
	hh, mig          [maxYears]uint8
}

// compute fills c with child idx's history.
func (g *gen) compute(c *child, idx int) {
	*c = child{idx: idx, idType: -1}
	g.identity(c)
	ra := newRng(g.seed, uint64(idx), 1)
	g.baseline(c, &ra)
	rb := newRng(g.seed, uint64(idx), 2)
	g.planEvent(c, &rb, g.scenarioOf(idx))
	g.documents(c)
	g.timeline(c)
}

// identity derives birth date and sequence number from a permutation of
// (birth day, slot) pairs, so that (birth date, sequence) is unique for
// every child and birth dates spread evenly over the cohorts.
func (g *gen) identity(c *child) {
	p := (g.permA*uint64(c.idx) + g.permB) % g.permN
	day, slot := int(p%uint64(g.birthDays)), int(p/uint64(g.birthDays))
	c.birth = g.birthFrom.addDays(day)
	c.cohort = cohortOf(c.birth)
	seq := (slot*337 + int(hash3(g.seed, uint64(day), 3)%1000)) % 1000
	c.male = seq%2 == 1
	c.seq = seq
}

// documents writes the identity number or other document number.
func (g *gen) documents(c *child) {
	seq := c.seq
	switch c.ev.kind {
	case evOtherDoc:
		c.idType = c.ev.v1
		c.id = otherDocNumber(c.idType, c.idx)
	case evInflow:
		c.id = makeID(inflowRegions[c.idx%len(inflowRegions)], c.birth, seq)
	default:
		c.id = makeID(g.opt.CountyCode, c.birth, seq)
	}
	c.local = c.ev.kind != evInflow && c.ev.kind != evOtherDoc
	if !c.local || c.ev.kind == evMigrate {
		c.leftBehind = 0
	}
}

// baseline draws what every child has: home, names, guardian and the
// ordinary school path (kindergarten entry, late start, repeated grade).
func (g *gen) baseline(c *child, r *rng) {
	c.village = g.pickVillage(r)
	v := &g.villages[c.village]
	c.group = 1 + r.intn(len(v.groupCadres))
	surname := surnames[r.intn(len(surnames))]
	c.surname = surname
	c.name = childName(r, surname, c.male)
	if k := r.intn(10); k >= 6 && k < 9 {
		c.guardian = adultName(r, 0) // mother
	} else {
		c.guardian = adultName(r, surname) // father or grandparent
	}
	c.gphone = mobile(r)
	c.hhNo = strconv.Itoa(100000 + r.intn(900000))
	c.leftBehind = int8([]int{0, 1, 2}[r.weighted([]int{85, 8, 7})])
	c.poor, c.orphan = r.chance(0.08), r.chance(0.004)
	c.kgAge = int8([]int{3, 4, 5, 0}[r.weighted([]int{75, 8, 7, 10})])
	c.late = int8(r.weighted([]int{970, 18, 12}))
	if c.late == 1 && c.kgAge == 0 {
		c.kgAge = 5
	}
	if r.chance(0.025) {
		c.repeat = int8(r.between(1, 8))
	}
	c.kgSchool, c.k3School = v.kg, v.kg
	if r.chance(0.6) {
		c.k3School = v.k3
	}
	c.priSchool, c.junSchool = v.primary, v.junior
	c.classSalt = r.next()
	c.dest = int8(r.weighted([]int{55, 33, 8, 4}))
	for i := range c.handoff {
		c.handoff[i] = int8(r.weighted([]int{80, 12, 8}))
	}
}

// birthText writes the birth date in a date style, once per child.
func (c *child) birthText(style int) string {
	if c.birthFmt[style] == "" {
		c.birthFmt[style] = formatDate(c.birth, style)
	}
	return c.birthFmt[style]
}

// age is age(y): completed years on 31 August of y.
func (c *child) age(y int) int { return y - c.cohort - 1 }

// gradeAt is the grade in school year y after lost years (suspension,
// dropout and return); 0 before kindergarten, at home, or after grade 9.
func (c *child) gradeAt(y, lost int) int8 {
	g1 := c.cohort + 7
	if c.late > 0 {
		g1++
	}
	n := y - g1 - lost
	if n >= 0 {
		gr := n + 1
		if c.repeat > 0 && n >= int(c.repeat) {
			gr = n
		}
		if gr > 9 {
			return 0
		}
		return int8(gr)
	}
	a := c.age(y)
	switch {
	case a == 6 && c.late == 1:
		return gradeK3
	case a >= 3 && a <= 5 && c.kgAge > 0 && a >= int(c.kgAge):
		return gradeK1 + int8(a-3)
	}
	return 0
}

// schoolFor returns the school a child attends at a grade.
func (c *child) schoolFor(gr int8) int {
	switch {
	case gr == gradeK3:
		return c.k3School
	case gr < 0:
		return c.kgSchool
	case gr <= 6:
		return c.priSchool
	}
	return c.junSchool
}

// level maps a grade to the class-size level: 0 kindergarten, 1 primary, 2 junior.
func level(gr int8) int {
	switch {
	case gr < 0:
		return 0
	case gr <= 6:
		return 1
	}
	return 2
}
