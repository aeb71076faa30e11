package demotown

import "fmt"

// Scale thresholds.
const (
	childrenPerVillage = 150
	childrenPerCluster = 3000
	largeTown          = 50_000 // above this, one roster file per term for the whole town
	maxOpenFiles       = 400    // more files than this: one pass per school year
)

// gen holds everything that is O(villages + schools): the town layout, the
// child-index permutation behind birth dates, the showcase children and
// the running counters. Children themselves are recomputed on demand.
type gen struct {
	opt         Options
	seed        uint64
	first, last int
	years       int
	villages    []village
	cum         []int
	schools     []school
	bogusSchool string
	m, cohorts  int
	birthFrom   date
	birthDays   int
	permA       uint64
	permB       uint64
	permN       uint64 // birth days x sequence slots per day
	scenOf      []int8 // showcase scenario + 1, by child index
	large       bool
	facts       map[string]int
	broken      []BrokenCell
	brk         breaker
	hhKeys      [maxYears]string
	skip        notSent // the roster one school did not send
	workbooks   int     // .xlsx files opened so far
	teachers    [1 << 14]teacherSlot
}

// newGen lays out the town for the options.
func newGen(opt Options) (*gen, error) {
	g := &gen{opt: opt, seed: uint64(opt.Seed), first: opt.FirstYear, years: opt.Years}
	g.last = g.first + g.years - 1
	g.cohorts = g.years + 18
	g.m = (opt.Children*g.cohorts + 18) / 19
	g.birthFrom = date{g.first - 19, 9, 1}
	g.birthDays = daysBetween(g.birthFrom, date{g.last, 8, 31}) + 1
	if g.m > 999*g.birthDays {
		return nil, fmt.Errorf("demotown: %d children do not fit 3-digit identity sequences", g.m)
	}
	g.large = opt.Children > largeTown
	nv := min(max(1, (opt.Children+childrenPerVillage/2)/childrenPerVillage), maxVillage)
	nc := min(max(1, (opt.Children+childrenPerCluster/2)/childrenPerCluster), nv)
	g.buildVillages(nv)
	g.buildSchools(nc)
	g.chooseNotSent()
	slots := (g.m + g.birthDays - 1) / g.birthDays
	g.permN = uint64(g.birthDays * slots)
	g.permA, g.permB = coprimeMultiplier(g.seed, g.permN), hash3(g.seed, 7, 7)%g.permN
	g.facts = map[string]int{}
	for yi := 0; yi < g.years; yi++ {
		g.hhKeys[yi] = householdKey(g.first + yi)
	}
	g.brk = newBreaker(g.seed)
	g.findShowcase()
	return g, nil
}

// coprimeMultiplier picks a multiplier a with gcd(a, n) = 1 so that
// i -> (a*i + b) mod n is a permutation of [0, n).
func coprimeMultiplier(seed, n uint64) uint64 {
	if n == 1 {
		return 1
	}
	a := hash3(seed, 5, 5) % n
	for a == 0 || gcd(a, n) != 1 {
		a = (a + 1) % n
	}
	return a
}

// gcd is the greatest common divisor.
func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
