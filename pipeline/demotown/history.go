package demotown

import "strconv"

// History before the window: the unaccounted list counts a child as
// accounted for by a graduate row of any earlier year, so the children who
// finished junior school in the year before FirstYear (15 in FirstYear,
// past grade 9) get the graduate destinations file of FirstYear-1. Older
// graduates are 16 or more in FirstYear and on no list.

// priorGraduate returns the junior-school state of a child who finished
// grade 9 at a town school in the school year before the window.
// Children who had left with their parents by then (the migration census
// lists them at 高中 elsewhere), arrived later, or never went to a town
// school have none; neither do pupils with other documents, as in the
// window.
func (g *gen) priorGraduate(c *child) (termState, bool) {
	y, e := g.first-1, &c.ev
	switch {
	case c.idType >= 0 || !c.attends() || c.gradeAt(y, 0) != 9,
		e.kind == evMigrate && e.y <= y,
		e.kind == evInflow && e.y > y:
		return termState{}, false
	}
	return g.enrolAt(c, c.junSchool, 9, 2), true
}

// priorGraduateName names the graduate destinations file of FirstYear-1.
func (g *gen) priorGraduateName() string {
	y := g.first - 1
	return g.yearFileNames(y, strconv.Itoa(y)+"-"+strconv.Itoa(y+1))[fGraduate]
}

// emitPriorGraduate writes the child's graduate row of FirstYear-1, if any.
func (g *gen) emitPriorGraduate(f *outFile, c *child) error {
	st, ok := g.priorGraduate(c)
	if !ok {
		return nil
	}
	g.facts["graduates_prior_year"]++
	return g.emitGraduate(f, c, g.first-1, st)
}
