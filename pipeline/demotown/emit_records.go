package demotown

import "strconv"

// Junior graduates' destinations (去向) by child.dest.
var destLabels = []string{"普通高中", "中等职业学校", "未升学", "其他"}

// destFacts name the destinations in Facts.
var destFacts = []string{"graduates_academic", "graduates_vocational", "graduates_none", "graduates_other"}

// emitDropout writes a registered dropout's row of the dropout register.
func (g *gen) emitDropout(f *outFile, c *child) error {
	e := &c.ev
	yi := e.y - g.first
	st := c.terms[2*yi]
	rh := f.rowHash(c.idx, e.y)
	r := newRng(rh, 80, 10)
	v, s := f.reset(), &f.st
	v[dID], v[dName] = s.idNumber(c.id, rh), c.name
	v[dSchool], v[dGrade] = g.schools[st.school].code, s.grade(st.grade, rh)
	v[dDate], v[dReason] = s.date(e.day, rh), dropReasons[e.reason]
	v[dMeasures] = dropMeasures[e.measure]
	v[dPersuader], v[dPhone] = g.teacher(st, e.y), mobile(&r)
	if r.chance(0.3) {
		v[dPersuader] = g.schools[st.school].principal
	}
	v[dVisits] = strconv.Itoa(int(e.visits))
	v[dStatus] = persuasionLabels[e.v1]
	if s.blankDef && e.v1 == persuading && e.v2 != staleRegister && rh%2 == 0 {
		v[dStatus] = ""
	}
	v[dReturn] = s.date(e.day2, rh)
	if e.placement >= 0 {
		v[dPlacement] = dropPlacements[e.placement]
	}
	g.facts["dropout_rows"]++
	return f.write(rowExtra{})
}

// emitGraduate writes a junior graduate's destination row for y.
func (g *gen) emitGraduate(f *outFile, c *child, y int, st termState) error {
	rh := f.rowHash(c.idx, y)
	v, s := f.reset(), &f.st
	v[gYear], v[gID], v[gName] = s.schoolYear(y, rh), s.idNumber(c.id, rh), c.name
	v[gSchool], v[gDest] = g.schools[st.school].code, destLabels[c.dest]
	return f.write(rowExtra{})
}

// Handoff deadlines (month, day) and the windows for on-time and late
// dates: files by 7月10日, notices to the central school by 8月10日, to
// parents by 8月15日.
var handoffDue = [3]struct{ m, onFrom, due, lateTo int }{
	{7, 1, 10, 31}, {8, 1, 10, 25}, {8, 8, 15, 31},
}

// handoffFacts name the date outcomes in Facts.
var handoffFacts = [3]string{"handoff_dates_on_time", "handoff_dates_late", "handoff_dates_blank"}

// emitHandoff writes a primary finisher's handoff row for y.
func (g *gen) emitHandoff(f *outFile, c *child, y int, st termState) error {
	rh := f.rowHash(c.idx, y)
	r := newRng(rh, 81, 11)
	v, s := f.reset(), &f.st
	v[oYear], v[oID], v[oName] = s.schoolYear(y, rh), s.idNumber(c.id, rh), c.name
	v[oPrimary], v[oJunior] = g.schools[st.school].code, g.schools[c.junSchool].code
	if leaving := c.ev.kind == evMigrate || c.ev.kind == evHukouOut; leaving && c.ev.y == y+1 {
		v[oJunior] = ""
	}
	for i, d := range handoffDue {
		var day date
		switch c.handoff[i] {
		case 0:
			day = randomDay(&r, date{y + 1, d.m, d.onFrom}, date{y + 1, d.m, d.due})
		case 1:
			day = randomDay(&r, date{y + 1, d.m, d.due + 1}, date{y + 1, d.m, d.lateTo})
		}
		v[oFile+i] = s.date(day, rh)
		g.facts[handoffFacts[c.handoff[i]]]++
	}
	g.facts["primary_graduates"]++
	return f.write(rowExtra{})
}

// writeVillages writes 村居名录.
func (g *gen) writeVillages(f *outFile) error {
	for k := range g.villages {
		vl := &g.villages[k]
		v := f.reset()
		v[0], v[1], v[2], v[3] = vl.code, vl.name, vl.cadre, vl.phone
		if err := f.write(rowExtra{}); err != nil {
			return err
		}
	}
	return nil
}

// writeSchools writes 学校名录.
func (g *gen) writeSchools(f *outFile) error {
	for k := range g.schools {
		sc := &g.schools[k]
		v := f.reset()
		v[0], v[1], v[2], v[3] = sc.code, sc.name, sc.typ, g.villages[sc.village].code
		v[4], v[5], v[6] = f.st.yesNo(sc.preschool, uint64(k)), sc.principal, sc.phone
		if err := f.write(rowExtra{}); err != nil {
			return err
		}
	}
	return nil
}
