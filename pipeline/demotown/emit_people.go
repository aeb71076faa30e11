package demotown

import "strconv"

// hhLabels are the 户籍状态 values by hh* constant.
var hhLabels = [...]string{"", "正常", "迁出", "死亡"}

// householdBroken are the household columns broken cells go into.
var householdBroken = brokenCols{id: hID, name: hName, birth: hBirth, grade: -1, school: -1}

// emitHousehold writes the child's household register row for y.
func (g *gen) emitHousehold(f *outFile, c *child, y int, hs uint8) error {
	rh := f.rowHash(c.idx, y)
	v, s := f.reset(), &f.st
	vl := &g.villages[c.village]
	v[hYear], v[hID], v[hName] = s.schoolYear(y, rh), s.idNumber(c.id, rh), c.name
	v[hGender], v[hBirth], v[hVillage] = s.gender(c.male, rh), c.birthText(s.pick(chDate, rh)), vl.code
	v[hGroup], v[hCadre], v[hHouseNo] = strconv.Itoa(c.group), vl.groupCadres[c.group-1], c.hhNo
	v[hStatus] = hhLabels[hs]
	if s.blankDef && hs == hhNormal && rh%3 == 0 {
		v[hStatus] = ""
	}
	v[hGuardian], v[hPhone], v[hPoor] = c.guardian, c.gphone, s.yesNo(c.poor, rh)
	blankOptional(v, []int{hHouseNo, hPhone, hPoor}, rh)
	elig := [brCount]bool{brBadCheck: true, brFloat: floatEligible(f, c.id), brBirthMismatch: true,
		brBadDate: true, brNoName: true}
	r := newRng(rh, 78, 8)
	if bt := g.takeOrForce(f, classHousehold, &elig); bt != brNone {
		g.breakCell(f, bt, householdBroken, c, &r)
	}
	g.facts["household_rows"]++
	g.facts[g.hhKeys[y-g.first]]++
	return f.write(rowExtra{addr: vl.name})
}

// emitMigration writes the child's migration census row for y.
func (g *gen) emitMigration(f *outFile, c *child, y int, kind uint8) error {
	rh := f.rowHash(c.idx, y)
	r := newRng(rh, 79, 9)
	v, s := f.reset(), &f.st
	v[mYear], v[mID], v[mName] = s.schoolYear(y, rh), s.idNumber(c.id, rh), c.name
	v[mGuardian], v[mPhone] = c.guardian, c.gphone
	switch kind {
	case migOutProof, migOutNoProof:
		g.fillOut(f, c, y, kind == migOutProof, &r, rh)
	case migIn:
		g.fillIn(f, c, y, &r, rh)
	default:
		v[mType] = "留守"
		gr := newRng(g.seed, uint64(c.idx), 5)
		v[mGuardian] = adultName(&gr, c.surname) // the grandparent at home
	}
	g.facts["migration_rows"]++
	return f.write(rowExtra{})
}

// fillOut fills a 随迁外出 row: with proof, a school and level elsewhere;
// without, one of three ways an office records a missing proof.
func (g *gen) fillOut(f *outFile, c *child, y int, proof bool, r *rng, rh uint64) {
	v, s := f.vals, &f.st
	d := destinations[int(mix64(uint64(c.idx)^g.seed)%uint64(len(destinations)))]
	v[mType], v[mAddress] = "随迁外出", d.address
	level := levelElsewhere(c, y)
	if proof {
		v[mSchool] = d.stem + "第" + hanNumber(1+r.intn(20)) + schoolSuffix[level]
		v[mLevel], v[mProof] = level, s.yesNo(true, rh)
		v[mProofDate] = s.date(randomDay(r, date{y, 9, 5}, date{y, 11, 30}), rh)
		return
	}
	v[mProof] = s.yesNo(false, rh)
	switch c.ev.v2 {
	case 0:
		v[mLevel] = "未就读"
	case 2:
		v[mLevel] = level
	}
}

// fillIn fills a 流入 row: living in the town, at a town school.
func (g *gen) fillIn(f *outFile, c *child, y int, r *rng, rh uint64) {
	v, s := f.vals, &f.st
	v[mType], v[mAddress] = "流入", g.opt.TownName+g.villages[c.village].name
	st := c.terms[2*(y-g.first)]
	if st.st == stNone {
		v[mLevel] = "未就读"
		return
	}
	v[mSchool] = g.schools[st.school].name
	v[mLevel] = levelOf(st.grade)
	v[mProof] = s.yesNo(true, rh)
	v[mProofDate] = s.date(randomDay(r, date{y, 9, 1}, date{y, 10, 15}), rh)
}

// schoolSuffix ends the name of a school elsewhere, by 就读学段.
var schoolSuffix = map[string]string{"幼儿园": "幼儿园", "小学": "小学", "初中": "中学", "高中": "高级中学"}

// levelOf maps a grade to 就读学段.
func levelOf(gr int8) string {
	switch {
	case gr < 0:
		return "幼儿园"
	case gr <= 6:
		return "小学"
	}
	return "初中"
}

// levelElsewhere is the 就读学段 of a child who left: the grade the child
// would have been in, or by age when out of that path.
func levelElsewhere(c *child, y int) string {
	if gr := c.gradeAt(y, 0); gr != 0 {
		return levelOf(gr)
	}
	switch a := c.age(y); {
	case a >= 15:
		return "高中"
	case a <= 5:
		return "幼儿园"
	case a <= 11:
		return "小学"
	}
	return "初中"
}

// emitDisability writes the child's disability census row for y.
func (g *gen) emitDisability(f *outFile, c *child, y int) error {
	rh := f.rowHash(c.idx, y)
	v, s := f.reset(), &f.st
	v[sYear], v[sID], v[sName] = s.schoolYear(y, rh), s.idNumber(c.id, rh), c.name
	v[sCategory], v[sPlacement] = disabilityLabels[c.ev.v1], placementLabels[c.ev.v2]
	v[sLevel], v[sVillage] = levelLabels[c.ev.lvl-1], g.villages[c.village].code
	blankOptional(v, []int{sLevel, sVillage}, rh)
	g.facts["disability_rows"]++
	return f.write(rowExtra{})
}
