package demotown

// Value lists of the dropout register (辍学登记).
var (
	dropReasons = []string{"学习困难", "厌学", "家庭贫困", "外出务工", "疾病", "残疾", "早婚早育", "家庭变故", "其他"}
	// reason weights for primary and junior pupils
	reasonWeightsPri = []int{25, 20, 12, 0, 12, 5, 0, 14, 12}
	reasonWeightsJun = []int{18, 28, 10, 18, 6, 2, 4, 8, 6}
	dropMeasures     = []string{
		"班主任家访三次；落实两免一补",
		"校长、包村干部上门劝返",
		"申请春蕾计划资助",
		"联系在外务工家长电话劝返",
		"送达限期复学通知书",
		"村干部、班主任联合家访，签订承诺书",
		"心理辅导，安排学习帮扶",
	}
	dropPlacements   = []string{"随班就读", "补课后随班就读", "中心校审批返校"}
	persuasionLabels = []string{"劝返中", "已返校", "无法劝返"}
)

// planDropReg places a registered dropout: a term of grades 1-9 (junior
// grades more likely), the dropout date inside that term, the reason,
// the persuasion record and, for those who came back, when and how. Two
// forced variants (v2) show register and roster disagreeing: the register
// left at 劝返中 while the child is back the next year (staleRegister),
// and a roster 辍学 with no register row (rosterOnly).
func (g *gen) planDropReg(c *child, r *rng, v1, v2 int) bool {
	e := &c.ev
	y, ok := g.pickLevelYear(c, r, g.last)
	if !ok {
		return false
	}
	e.y, e.t = y, 1+r.intn(2)
	e.v1 = pick(r, v1, []int{35, 50, 15})
	e.v2 = returnNextYear
	if e.t == 1 && r.chance(0.4) {
		e.v2 = returnTerm2
	}
	if v2 >= 0 {
		e.v2 = v2
		if v2 == returnTerm2 {
			e.t = 1
		}
	}
	if e.v2 == staleRegister && (y == g.last || e.v1 != persuading) {
		return false
	}
	if e.v1 == returned && e.v2 == returnNextYear && y == g.last {
		if v1 >= 0 {
			return false
		}
		e.v1 = persuading
	}
	g.dropDetails(c, r)
	return true
}

// dropDetails fills dates, reason, measures, visits and placement.
func (g *gen) dropDetails(c *child, r *rng) {
	e := &c.ev
	if e.t == 1 {
		e.day = randomDay(r, date{e.y, 10, 8}, date{e.y, 12, 31})
	} else {
		e.day = randomDay(r, date{e.y + 1, 3, 1}, date{e.y + 1, 6, 30})
	}
	w := reasonWeightsPri
	if c.gradeAt(e.y, 0) >= 7 {
		w = reasonWeightsJun
	}
	e.reason = int8(r.weighted(w))
	e.measure = int8(r.intn(len(dropMeasures)))
	e.visits = int8(r.between(1, 6))
	if e.v1 == persuading && r.chance(0.1) {
		e.visits = 0
	}
	e.placement = -1
	if e.v1 != returned {
		return
	}
	if e.v2 == returnTerm2 {
		e.day2 = randomDay(r, date{e.y + 1, 2, 20}, date{e.y + 1, 3, 10})
		e.placement = int8(r.weighted([]int{70, 30, 0}))
		return
	}
	e.day2 = randomDay(r, date{e.y + 1, 9, 1}, date{e.y + 1, 9, 8})
	e.placement = int8(r.weighted([]int{40, 30, 30}))
}
