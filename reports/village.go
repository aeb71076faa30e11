package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"

	"dropwatch/privacy"
)

// VillagePage is everything public/villages/<code>.html shows about one
// village: its children by age, its enrolment indicators, how many
// children are unaccounted for and the cadres who answer for them. It holds
// counts only; cadre names are masked (张*明).
type VillagePage struct {
	Code string `json:"village_code"`
	Name string `json:"village_name"`
	// AgeYear is the school year of the household extract Ages counts.
	AgeYear  int        `json:"age_year"`
	Ages     []AgeCount `json:"ages"`
	AgeTotal int64      `json:"age_total"`
	// Years and Indicators: the village's indicators over the years.
	Years      []int             `json:"years"`
	Indicators []IndicatorSeries `json:"indicators"`
	// Unaccounted counts the children on the list in every listed term.
	Unaccounted []TermCount `json:"unaccounted"`
	// LatestTerm is the latest listed term; ByReason and Groups break its
	// list down by reason and by 村民小组 with its 包组干部.
	LatestTerm  *Term        `json:"latest_term"`
	LatestTotal int64        `json:"latest_total"`
	ByReason    []Count      `json:"by_reason"`
	TownCadre   string       `json:"town_cadre"`
	Groups      []GroupCount `json:"groups"`
}

// TermCount is a count in one term.
type TermCount struct {
	Term Term  `json:"term"`
	N    int64 `json:"n"`
}

// GroupCount is how many listed children of one 村民小组 its 包组干部 answers
// for; Cadre is masked.
type GroupCount struct {
	Group string `json:"group_no"`
	Cadre string `json:"cadre"`
	N     int64  `json:"n"`
}

// unaccountedReasons is the order of the list's reasons (indicators.md).
var unaccountedReasons = []string{"数据待核实", "已登记辍学", "外出未取得就读证明", "仍在幼儿园", "学籍消失", "从未入学"}

func reasonOrder(r string) int {
	for i, x := range unaccountedReasons {
		if x == r {
			return i
		}
	}
	return len(unaccountedReasons)
}

// LoadVillagePages reads the pages of every village, ordered by code. It
// only reads.
func LoadVillagePages(ctx context.Context, db *sql.DB) ([]VillagePage, error) {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return nil, err
	}
	return loadVillagePages(ctx, db, ind)
}

func loadVillagePages(ctx context.Context, db *sql.DB, ind *indicatorSet) ([]VillagePage, error) {
	pages := map[string]*VillagePage{}
	get := func(code, name string) *VillagePage {
		p := pages[code]
		if p == nil {
			p = &VillagePage{Code: code, Name: name, Ages: []AgeCount{}, Years: ind.years,
				Unaccounted: []TermCount{}, ByReason: []Count{}, Groups: []GroupCount{}}
			pages[code] = p
		}
		return p
	}
	for _, i := range ind.rows {
		if i.ScopeLevel == "village" {
			get(i.ScopeCode, i.ScopeName)
		}
	}
	terms, counts, err := loadUnaccountedCounts(ctx, db, get)
	if err != nil {
		return nil, err
	}
	if n := len(terms); n > 0 {
		if err := loadLatestList(ctx, db, terms[n-1], pages); err != nil {
			return nil, err
		}
	}
	year, ages, err := villageAges(ctx, db)
	if err != nil {
		return nil, err
	}
	out := make([]VillagePage, 0, len(pages))
	for code, p := range pages {
		p.Indicators = seriesOf(ind.scope("village", code), ind.years)
		for _, t := range terms {
			p.Unaccounted = append(p.Unaccounted, TermCount{Term: t, N: counts[code][t]})
		}
		if a := ages[code]; a != nil {
			p.AgeYear, p.Ages = year, a
			for _, x := range a {
				p.AgeTotal += x.N
			}
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Code < out[b].Code })
	return out, nil
}

// loadUnaccountedCounts returns the listed terms and every village's list
// size in each.
func loadUnaccountedCounts(ctx context.Context, db *sql.DB, get func(code, name string) *VillagePage) ([]Term, map[string]map[Term]int64, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, term, coalesce(village_code, ''), coalesce(any_value(village_name), ''), count(*)
		FROM mart.unaccounted_children
		WHERE school_year IS NOT NULL AND term IS NOT NULL
		GROUP BY ALL ORDER BY 1, 2, 3`)
	if err != nil {
		return nil, nil, fmt.Errorf("query unaccounted counts: %w", err)
	}
	defer rows.Close()
	var terms []Term
	counts := map[string]map[Term]int64{}
	for rows.Next() {
		var y, t int
		var code, name string
		var n int64
		if err := rows.Scan(&y, &t, &code, &name, &n); err != nil {
			return nil, nil, fmt.Errorf("scan unaccounted counts: %w", err)
		}
		term := NewTerm(y, t)
		if len(terms) == 0 || terms[len(terms)-1] != term {
			terms = append(terms, term)
		}
		get(code, name)
		if counts[code] == nil {
			counts[code] = map[Term]int64{}
		}
		counts[code][term] = n
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read unaccounted counts: %w", err)
	}
	return terms, counts, nil
}

// loadLatestList breaks the latest term's list down per village by reason
// and by group.
func loadLatestList(ctx context.Context, db *sql.DB, t Term, pages map[string]*VillagePage) error {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(village_code, ''), coalesce(group_no, ''), coalesce(village_cadre, ''),
		       coalesce(town_cadre, ''), coalesce(reason, ''), count(*)
		FROM mart.unaccounted_children
		WHERE school_year = ? AND term = ?
		GROUP BY ALL`, t.SchoolYear, t.Term)
	if err != nil {
		return fmt.Errorf("query latest list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, group, cadre, townCadre, reason string
		var n int64
		if err := rows.Scan(&code, &group, &cadre, &townCadre, &reason, &n); err != nil {
			return fmt.Errorf("scan latest list: %w", err)
		}
		p := pages[code]
		if p == nil {
			continue
		}
		lt := t
		p.LatestTerm = &lt
		p.LatestTotal += n
		if p.TownCadre == "" {
			p.TownCadre = privacy.MaskName(townCadre)
		}
		p.ByReason = addCount(p.ByReason, reason, n)
		// 组 is free text: a clerk may have typed a phone or a number in it.
		p.Groups = addGroup(p.Groups, privacy.MaskText(group), privacy.MaskName(cadre), n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read latest list: %w", err)
	}
	for _, p := range pages {
		sort.SliceStable(p.ByReason, func(a, b int) bool {
			return reasonOrder(p.ByReason[a].Label) < reasonOrder(p.ByReason[b].Label)
		})
		sort.SliceStable(p.Groups, func(a, b int) bool { return groupLess(p.Groups[a], p.Groups[b]) })
	}
	return nil
}

func addCount(cs []Count, label string, n int64) []Count {
	for i := range cs {
		if cs[i].Label == label {
			cs[i].N += n
			return cs
		}
	}
	return append(cs, Count{Label: label, N: n})
}

func addGroup(gs []GroupCount, group, cadre string, n int64) []GroupCount {
	for i := range gs {
		if gs[i].Group == group && gs[i].Cadre == cadre {
			gs[i].N += n
			return gs
		}
	}
	return append(gs, GroupCount{Group: group, Cadre: cadre, N: n})
}

// groupLess orders groups numerically when they are numbers.
func groupLess(a, b GroupCount) bool {
	x, errX := strconv.Atoi(a.Group)
	y, errY := strconv.Atoi(b.Group)
	if errX == nil && errY == nil && x != y {
		return x < y
	}
	if a.Group != b.Group {
		return a.Group < b.Group
	}
	return a.Cadre < b.Cadre
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
