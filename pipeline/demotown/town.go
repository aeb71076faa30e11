package demotown

import (
	"fmt"
	"sort"
	"strconv"
)

// School types (学段) as the directory writes them.
const (
	typeKG     = "幼儿园"
	typePri    = "小学"
	typeJun    = "初中"
	typeNine   = "九年一贯制"
	maxVillage = 998 // 3-digit village suffixes available under one town code
)

// village is one 村/社区 with its responsibility chain and catchment.
type village struct {
	code, name   string
	cadre, phone string   // 包村干部 and phone
	groupCadres  []string // 包组干部 per 村民小组 (index group-1)
	weight       int
	kg, k3       int // kindergarten school; school for 大班 (may be a 学前班)
	primary      int
	junior       int
}

// school is one entry of 学校名录.
type school struct {
	code, name, typ  string
	village          int
	preschool        bool // 附设学前班
	principal, phone string
	classes          [3]int // classes per grade: kindergarten, primary, junior
}

// buildVillages creates the villages with codes, names, cadres and weights.
func (g *gen) buildVillages(n int) {
	g.villages = make([]village, n)
	g.cum = make([]int, n)
	total := 0
	for k := range g.villages {
		r := newRng(g.seed, uint64(k), 21)
		v := &g.villages[k]
		v.code, v.name = villageCode(g.opt.TownCode, k), placeName(k)+villageSuffix(k)
		v.cadre, v.phone = adultName(&r, 0), mobile(&r)
		v.weight = 50 + r.intn(100)
		groups := 4 + v.weight/20
		for i := 0; i < groups; i++ {
			v.groupCadres = append(v.groupCadres, adultName(&r, 0))
		}
		total += v.weight
		g.cum[k] = total
	}
}

// villageCode gives the k-th village its 12-digit code: the town seat is a
// 社区 (001), villages 201-999 follow, and more 社区 (002-199) if needed.
func villageCode(town string, k int) string {
	switch {
	case k == 0:
		return town + "001"
	case k < 800:
		return town + strconv.Itoa(200+k)
	default:
		return fmt.Sprintf("%s%03d", town, k-798)
	}
}

// villageSuffix is 社区 for residents' committees, else 村.
func villageSuffix(k int) string {
	if k == 0 || k >= 800 {
		return "社区"
	}
	return "村"
}

// pickVillage draws a village index proportionally to the weights.
func (g *gen) pickVillage(r *rng) int {
	k := r.intn(g.cum[len(g.cum)-1])
	return sort.SearchInts(g.cum, k+1)
}

// buildSchools lays out the schools cluster by cluster (about 3,000
// children each) and assigns every village its catchment schools.
func (g *gen) buildSchools(clusters int) {
	n := len(g.villages)
	for j := 0; j < clusters; j++ {
		lo, hi := j*n/clusters, (j+1)*n/clusters
		vs := make([]int, 0, hi-lo)
		for v := lo; v < hi; v++ {
			vs = append(vs, v)
		}
		g.buildCluster(j, vs)
	}
	g.assignCodes()
	g.countClasses()
}

// buildCluster adds a cluster's schools: a central kindergarten, primary
// and junior school in the seat village, and, when the cluster is big
// enough, village kindergartens, a village primary with 学前班 and a
// 九年一贯制 school.
func (g *gen) buildCluster(j int, vs []int) {
	n := len(vs)
	seat := g.opt.TownName
	if j > 0 {
		seat += placeName(vs[0])
	}
	kgc := g.addSchool(typeKG, seat+"中心幼儿园", vs[0], false)
	psc := g.addSchool(typePri, seat+"中心小学", vs[0], false)
	js := g.addSchool(typeJun, seat+"中学", vs[0], false)
	kgs := []int{kgc}
	kgPos := []int{0}
	if n >= 2 {
		p := max(1, n/4)
		kgs, kgPos = append(kgs, g.addSchool(typeKG, g.villages[vs[p]].name+"幼儿园", vs[p], false)), append(kgPos, p)
	}
	psv, ny := -1, -1
	if n >= 3 {
		psv = g.addSchool(typePri, g.villages[vs[n/2]].name+"小学", vs[n/2], true)
	}
	if n >= 4 {
		ny = g.addSchool(typeNine, placeName(vs[3*n/4])+"九年一贯制学校", vs[3*n/4], true)
	}
	if n >= 8 {
		p := 7 * n / 8
		kgs, kgPos = append(kgs, g.addSchool(typeKG, g.villages[vs[p]].name+"幼儿园", vs[p], false)), append(kgPos, p)
	}
	g.assignCatchments(vs, kgs, kgPos, psc, js, psv, ny)
}

// assignCatchments gives each village of a cluster its schools: the first
// third goes to the central primary, the middle third to the village
// primary, the last third to the 九年一贯制 school (primary and junior);
// kindergarten is the nearest one, and 大班 may be the primary's 学前班.
func (g *gen) assignCatchments(vs, kgs, kgPos []int, psc, js, psv, ny int) {
	n := len(vs)
	for p, v := range vs {
		vl := &g.villages[v]
		vl.primary, vl.junior = psc, js
		switch {
		case 3*p >= 2*n && ny >= 0:
			vl.primary, vl.junior = ny, ny
		case 3*p >= n && psv >= 0:
			vl.primary = psv
		}
		vl.kg = nearest(kgs, kgPos, p)
		vl.k3 = vl.kg
		if g.schools[vl.primary].preschool {
			vl.k3 = vl.primary
		}
	}
}

// nearest returns the school whose position is closest to p.
func nearest(schools, pos []int, p int) int {
	best := 0
	for i := range pos {
		if abs(pos[i]-p) < abs(pos[best]-p) {
			best = i
		}
	}
	return schools[best]
}

// abs is the absolute value of an int.
func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// addSchool appends a school and returns its index.
func (g *gen) addSchool(typ, name string, v int, pre bool) int {
	r := newRng(g.seed, uint64(len(g.schools)), 31)
	g.schools = append(g.schools, school{
		name: name, typ: typ, village: v, preschool: pre,
		principal: adultName(&r, 0),
		phone:     fmt.Sprintf("0739-%d%06d", 5+r.intn(4), r.intn(1000000)),
	})
	return len(g.schools) - 1
}

// assignCodes gives every school a 10-digit 学校标识码 and picks a code that
// is in no directory, for the unknown-school broken cell.
func (g *gen) assignCodes() {
	county := g.opt.CountyCode
	code := func(i int) string {
		switch {
		case len(g.schools) < 99:
			return fmt.Sprintf("21%s%02d", county, i)
		case len(g.schools) < 999:
			return fmt.Sprintf("2%s%03d", county, i)
		}
		return fmt.Sprintf("2%s%05d", county[2:], i)
	}
	for i := range g.schools {
		g.schools[i].code = code(i + 1)
	}
	switch {
	case len(g.schools) < 99:
		g.bogusSchool = code(99)
	case len(g.schools) < 999:
		g.bogusSchool = code(999)
	default:
		g.bogusSchool = code(99999)
	}
}

// countClasses sizes every school's classes from the expected number of
// children per birth cohort in its catchment.
func (g *gen) countClasses() {
	perCohort := float64(g.m) / float64(g.cohorts) / float64(g.cum[len(g.cum)-1])
	exp := make([][3]float64, len(g.schools))
	for _, v := range g.villages {
		e := perCohort * float64(v.weight)
		exp[v.kg][0] += e * 0.8
		exp[v.primary][1] += e
		exp[v.junior][2] += e
	}
	size := [3]float64{30, 45, 50}
	for i := range g.schools {
		for l := 0; l < 3; l++ {
			g.schools[i].classes[l] = max(1, int(exp[i][l]/size[l]+0.99))
		}
	}
}
