package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// CountyReport is the 每学期初上报 of the latest term: the town's figures of
// this and the previous school year, this term's enrolment sums, the
// unaccounted list by reason, the violations of the year and the open
// persuasion cases by school, and the 应对措施 of each violation drawn from
// the cases of its scope (mart.cases); the workbook's 应对措施 sheet leaves
// rows below them for the office to add its own.
type CountyReport struct {
	Term Term `json:"term"`
	// Slug names the page and workbook: report-<year>-<term>.
	Slug string `json:"slug"`
	// Years are the school years of Figures (the previous and this one).
	Years   []int             `json:"years"`
	Figures []IndicatorSeries `json:"figures"`
	// Enrolment sums this term's bulletin over the schools.
	Enrolment BulletinTotal `json:"enrolment"`
	// Unaccounted counts this term's list by reason.
	Unaccounted      []Count `json:"unaccounted"`
	UnaccountedTotal int64   `json:"unaccounted_total"`
	// Violations are the year's rows of mart.violations (一票否决 first).
	Violations []Indicator `json:"violations"`
	// VillageGroups gathers the villages among Violations by indicator and
	// status, for the page (the workbook lists every row).
	VillageGroups []ViolationGroup `json:"village_groups"`
	// Cases counts the open persuasion cases (not 已销号) by school.
	Cases     []CaseCount `json:"cases"`
	CaseTotal CaseCount   `json:"case_total"`
	// Measures are the 应对措施 of each violation, from its scope's cases.
	Measures []Measure `json:"measures"`
}

// ViolationGroup is the villages below one indicator's line.
type ViolationGroup struct {
	Indicator string   `json:"indicator"`
	Status    Status   `json:"status"`
	Villages  []string `json:"villages"`
}

// Class is the CSS class of the group's status.
func (g ViolationGroup) Class() string { return g.Status.class() }

// CaseCount counts one school's open cases of the persuasion ledger
// (mart.persuasion) by case status.
type CaseCount struct {
	SchoolCode string `json:"school_code"`
	SchoolName string `json:"school_name"`
	Persuading int64  `json:"persuading"`     // 劝返中
	Pending    int64  `json:"returned_check"` // 已返校待核
	Failed     int64  `json:"failed"`         // 无法劝返
	Total      int64  `json:"total"`
}

// LoadCountyReport reads the semester-start report of the latest term with
// enrolment; nil when there is none. It only reads.
func LoadCountyReport(ctx context.Context, db *sql.DB) (*CountyReport, error) {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := loadBulletinRows(ctx, db)
	if err != nil {
		return nil, err
	}
	cases, err := loadOpenCases(ctx, db)
	if err != nil {
		return nil, err
	}
	return loadCountyReport(ctx, db, ind, buildBulletins(rows, ind), cases)
}

// loadCountyReport builds the report; cases are the ledger's open cases by
// school (loadOpenCases), which the restricted index counts too.
func loadCountyReport(ctx context.Context, db *sql.DB, ind *indicatorSet, bulletins []Bulletin, cases []CaseCount) (*CountyReport, error) {
	terms, err := loadTermTotals(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return nil, nil
	}
	t := terms[len(terms)-1].Term
	r := &CountyReport{Term: t, Slug: termSlug("report", t), Years: []int{t.SchoolYear - 1, t.SchoolYear},
		Violations: []Indicator{}, Cases: []CaseCount{}}
	r.Figures = seriesOf(ind.scope("town", ind.townCode()), r.Years)
	for _, b := range bulletins {
		if b.Term == t {
			r.Enrolment = b.Total
		}
	}
	if r.Unaccounted, err = countsBy(ctx, db, `
		SELECT coalesce(reason, ''), count(*) FROM mart.unaccounted_children
		WHERE school_year = ? AND term = ? GROUP BY ALL`, t.SchoolYear, t.Term); err != nil {
		return nil, fmt.Errorf("unaccounted by reason: %w", err)
	}
	sortCounts(r.Unaccounted, reasonOrder)
	for _, c := range r.Unaccounted {
		r.UnaccountedTotal += c.N
	}
	for _, i := range ind.rows {
		if i.SchoolYear == t.SchoolYear && i.Status.violation() {
			r.Violations = append(r.Violations, i)
		}
	}
	sort.SliceStable(r.Violations, func(a, b int) bool {
		x, y := r.Violations[a], r.Violations[b]
		if x.Status.rank() != y.Status.rank() {
			return x.Status.rank() < y.Status.rank()
		}
		if levelRank(x.ScopeLevel) != levelRank(y.ScopeLevel) {
			return levelRank(x.ScopeLevel) < levelRank(y.ScopeLevel)
		}
		if x.ScopeLevel == "village" && x.Code != y.Code {
			return x.info.order < y.info.order
		}
		return false
	})
	r.VillageGroups = []ViolationGroup{}
	for _, v := range r.Violations {
		if v.ScopeLevel != "village" {
			continue
		}
		n := len(r.VillageGroups)
		if n == 0 || r.VillageGroups[n-1].Indicator != v.Name || r.VillageGroups[n-1].Status != v.Status {
			r.VillageGroups = append(r.VillageGroups, ViolationGroup{Indicator: v.Name, Status: v.Status})
			n++
		}
		r.VillageGroups[n-1].Villages = append(r.VillageGroups[n-1].Villages, v.ScopeName)
	}
	r.Cases = cases
	if r.Measures, err = loadMeasures(ctx, db, r.Violations, t); err != nil {
		return nil, err
	}
	r.CaseTotal = sumCases(r.Cases)
	return r, nil
}

// sumCases is the 合计 line of open cases by school: the one figure of
// 劝返台账未销号个案 the report and the restricted index both print.
func sumCases(cases []CaseCount) CaseCount {
	t := CaseCount{SchoolName: "合计"}
	for _, c := range cases {
		t.Persuading += c.Persuading
		t.Pending += c.Pending
		t.Failed += c.Failed
		t.Total += c.Total
	}
	return t
}

// loadOpenCases counts the ledger's open cases by school.
func loadOpenCases(ctx context.Context, db *sql.DB) ([]CaseCount, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(school_code, ''), coalesce(any_value(school_name), ''),
		       count(*) FILTER (WHERE case_status = '劝返中'),
		       count(*) FILTER (WHERE case_status = '已返校待核'),
		       count(*) FILTER (WHERE case_status = '无法劝返'),
		       count(*)
		FROM mart.persuasion
		WHERE coalesce(case_status, '') <> '已销号'
		GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("query open cases: %w", err)
	}
	defer rows.Close()
	out := []CaseCount{}
	for rows.Next() {
		var c CaseCount
		if err := rows.Scan(&c.SchoolCode, &c.SchoolName, &c.Persuading, &c.Pending, &c.Failed, &c.Total); err != nil {
			return nil, fmt.Errorf("scan open cases: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read open cases: %w", err)
	}
	return out, nil
}

// sortCounts orders counts by a rank of their labels, stably.
func sortCounts(cs []Count, rank func(string) int) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && rank(cs[j].Label) < rank(cs[j-1].Label); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// levelRank orders scopes town, school, village.
func levelRank(level string) int {
	switch level {
	case "town":
		return 0
	case "school":
		return 1
	}
	return 2
}

// LevelName is the Chinese name of the indicator's scope level.
func (i Indicator) LevelName() string {
	switch i.ScopeLevel {
	case "town":
		return "全镇"
	case "school":
		return "学校"
	case "village":
		return "村（社区）"
	}
	return i.ScopeLevel
}
