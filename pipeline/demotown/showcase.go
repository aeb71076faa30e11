package demotown

// scenario forces one child's event so that every kind of event occurs at
// least once at any reasonable size, whatever the seed.
type scenario struct {
	kind   evKind
	v1, v2 int  // forced variants, -1 = drawn as usual
	late   int8 // forced late start (1 in kindergarten, 2 at home), 0 = drawn
	repeat bool // force a repeated grade inside the window
}

// showcases are the forced scenarios, one child each.
var showcases = []scenario{
	{kind: evDropReg, v1: returned, v2: returnNextYear},
	{kind: evDropReg, v1: returned, v2: returnTerm2},
	{kind: evDropReg, v1: persuading, v2: -1},
	{kind: evDropReg, v1: unreturnable, v2: -1},
	{kind: evDropUnreg, v1: vanishTerm2, v2: -1},
	{kind: evDropUnreg, v1: vanishTerm2, v2: -1},
	{kind: evDropUnreg, v1: vanishReturn, v2: -1},
	{kind: evDropUnreg, v1: vanishSummer, v2: -1},
	{kind: evTransfer, v1: 0, v2: -1},
	{kind: evTransfer, v1: 1, v2: -1},
	{kind: evMigrate, v1: 1, v2: -1},
	{kind: evMigrate, v1: 0, v2: -1},
	{kind: evInflow, v1: -1, v2: -1},
	{kind: evOtherDoc, v1: docTypeHK, v2: -1},
	{kind: evOtherDoc, v1: docTypePassport, v2: -1},
	{kind: evDeath, v1: deathBoth, v2: -1},
	{kind: evDeath, v1: deathHousehold, v2: -1},
	{kind: evDeath, v1: deathRoster, v2: -1},
	{kind: evHukouOut, v1: 1, v2: -1},
	{kind: evHukouOut, v1: 0, v2: -1},
	{kind: evSuspend, v1: -1, v2: -1},
	{kind: evNever, v1: -1, v2: -1},
	{kind: evNever, v1: neverLeavesRegister, v2: -1},
	{kind: evDisabled, v1: 0, v2: placeMainstream},
	{kind: evDisabled, v1: 1, v2: placeSpecial},
	{kind: evDisabled, v1: 2, v2: placeHome},
	{kind: evDisabled, v1: 2, v2: placeDeferred},
	{kind: evDisabled, v1: 0, v2: placeExempt},
	{kind: evDisabled, v1: 1, v2: placeNotEnrol},
	{kind: evDisabled, v1: 3, v2: placeMainstream},
	{kind: evDisabled, v1: 5, v2: placeHome},
	{kind: evNone, v1: -1, v2: -1, late: 1},
	{kind: evNone, v1: -1, v2: -1, late: 2},
	{kind: evNone, v1: -1, v2: -1, repeat: true},
	{kind: evGradeTypo, v1: -1, v2: -1},
	{kind: evDropReg, v1: persuading, v2: staleRegister},
	{kind: evDropReg, v1: persuading, v2: rosterOnly},
	{kind: evDoubleEnrol, v1: -1, v2: -1}, // last: a town with one primary school has none
}

// scenarioOf returns the forced scenario of child idx, or nil.
func (g *gen) scenarioOf(idx int) *scenario {
	if idx < len(g.scenOf) && g.scenOf[idx] > 0 {
		return &showcases[g.scenOf[idx]-1]
	}
	return nil
}

// findShowcase gives each scenario the first child (from index 0 on) for
// whom it can happen inside the window. Children tried and not chosen
// keep their ordinary lives.
func (g *gen) findShowcase() {
	var c child
	idx := 0
	for k := range showcases {
		for ; idx < g.m && idx < 20000; idx++ {
			g.scenOf = append(g.scenOf, int8(k+1))
			g.compute(&c, idx)
			if g.materialised(&c, &showcases[k]) {
				idx++
				break
			}
			g.scenOf[idx] = 0
		}
	}
}

// materialised reports whether the scenario shows inside the window.
func (g *gen) materialised(c *child, sc *scenario) bool {
	switch {
	case sc.kind != evNone:
		return c.ev.kind == sc.kind
	case sc.late > 0:
		return c.late == sc.late && g.lateInWindow(c)
	}
	return g.repeatInWindow(c)
}

// forceBaseline applies a scenario's forced late start or repetition.
func (g *gen) forceBaseline(c *child, sc *scenario) {
	if sc.late > 0 {
		c.late = sc.late
		if c.late == 1 && c.kgAge == 0 {
			c.kgAge = 5
		}
	}
	if sc.repeat {
		c.repeat = 0
		if r := g.first + 1 - (c.cohort + 7); r >= 1 && r <= 8 && c.late == 0 {
			c.repeat = int8(r)
		}
	}
}

// lateInWindow reports whether the year a late starter is 6 is shown.
func (g *gen) lateInWindow(c *child) bool {
	y := c.cohort + 7
	return c.late > 0 && y >= g.first && y <= g.last
}

// repeatInWindow reports whether a repeated grade is taken again inside
// the window while the child is on a roster.
func (g *gen) repeatInWindow(c *child) bool {
	if c.repeat == 0 {
		return false
	}
	g1 := c.cohort + 7
	if c.late > 0 {
		g1++
	}
	y := g1 + int(c.repeat)
	return y >= g.first && y <= g.last && c.terms[2*(y-g.first)].st != stNone
}
