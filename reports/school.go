package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// SchoolPage is everything public/schools/<code>.html shows about one
// school: enrolment by grade and term, its indicators (dropout trend) over
// the years, the grade flows of one year and its bulletin lines.
type SchoolPage struct {
	Code string `json:"school_code"`
	Name string `json:"school_name"`
	Type string `json:"school_type"`
	// Terms are the terms the school sent a roster for, oldest first;
	// Enrolled holds its 在读人数 in each.
	Terms    []Term  `json:"terms"`
	Enrolled []int64 `json:"enrolled"`
	// Grades holds 在读 pupils per grade, one count per term of Terms.
	Grades []GradeRow `json:"grades"`
	// Years are the school years of the indicators; Indicators holds the
	// school's indicators over them (dropout rates, progression).
	Years      []int             `json:"years"`
	Indicators []IndicatorSeries `json:"indicators"`
	// Flows are the grade flows of the latest year whose rates are known
	// (else the latest year); nil when the school has none.
	Flows *FlowYear `json:"flows"`
	// Bulletin holds the school's 学期通报 line of every term.
	Bulletin []BulletinRow `json:"bulletin"`
}

// GradeRow is one grade's 在读 counts over a school's terms.
type GradeRow struct {
	Grade  string  `json:"grade"`
	Label  string  `json:"label"`
	Counts []int64 `json:"counts"`
}

// FlowYear is one school year of mart.grade_flows for a school.
type FlowYear struct {
	SchoolYear int    `json:"school_year"`
	YearLabel  string `json:"year_label"`
	// Complete is true when next year's rosters are in, so rates are known.
	Complete bool        `json:"complete"`
	Rows     []GradeFlow `json:"rows"`
}

// GradeFlow is where one grade's pupils went (mart.grade_flows). Promoted
// and Repeated are nil before the next year's term-1 rosters; DroppedOut,
// Transferred and Died without the school's term-2 roster.
type GradeFlow struct {
	Grade          int      `json:"grade"`
	Label          string   `json:"label"`
	Enrolled       int64    `json:"enrolled"`
	Promoted       *int64   `json:"promoted"`
	Repeated       *int64   `json:"repeated"`
	DroppedOut     *int64   `json:"dropped_out"`
	Transferred    *int64   `json:"transferred"`
	Died           *int64   `json:"died"`
	PromotionRate  *float64 `json:"promotion_rate"`
	RepetitionRate *float64 `json:"repetition_rate"`
	DropoutRate    *float64 `json:"uis_dropout_rate"`
}

// LoadSchoolPages reads the pages of every school that has a roster or an
// indicator, ordered by school code. It only reads.
func LoadSchoolPages(ctx context.Context, db *sql.DB) ([]SchoolPage, error) {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return nil, err
	}
	bulletin, err := loadBulletinRows(ctx, db)
	if err != nil {
		return nil, err
	}
	return loadSchoolPages(ctx, db, ind, bulletin)
}

func loadSchoolPages(ctx context.Context, db *sql.DB, ind *indicatorSet, bulletin []BulletinRow) ([]SchoolPage, error) {
	pages := map[string]*SchoolPage{}
	get := func(code, name, typ string) *SchoolPage {
		p := pages[code]
		if p == nil {
			p = &SchoolPage{Code: code, Name: name, Terms: []Term{}, Enrolled: []int64{}, Grades: []GradeRow{},
				Years: ind.years, Bulletin: []BulletinRow{}}
			pages[code] = p
		}
		if p.Type == "" {
			p.Type = typ
		}
		return p
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, coalesce(school_name, ''), coalesce(school_type, ''), school_year, term, coalesce(enrolled, 0)
		FROM mart.school_term_enrolment
		WHERE school_code IS NOT NULL AND school_year IS NOT NULL AND term IS NOT NULL
		ORDER BY school_code, school_year, term`)
	if err != nil {
		return nil, fmt.Errorf("query school enrolment: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, name, typ string
		var y, t int
		var n int64
		if err := rows.Scan(&code, &name, &typ, &y, &t, &n); err != nil {
			return nil, fmt.Errorf("scan school enrolment: %w", err)
		}
		p := get(code, name, typ)
		p.Terms = append(p.Terms, NewTerm(y, t))
		p.Enrolled = append(p.Enrolled, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read school enrolment: %w", err)
	}
	for _, i := range ind.rows {
		if i.ScopeLevel == "school" {
			get(i.ScopeCode, i.ScopeName, "")
		}
	}
	grades, err := schoolGrades(ctx, db)
	if err != nil {
		return nil, err
	}
	flows, err := loadFlows(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, r := range bulletin {
		if p := pages[r.SchoolCode]; p != nil {
			p.Bulletin = append(p.Bulletin, r)
		}
	}
	out := make([]SchoolPage, 0, len(pages))
	for code, p := range pages {
		p.Grades = gradeRows(p.Terms, grades[code])
		p.Indicators = seriesOf(ind.scope("school", code), ind.years)
		p.Flows = pickFlowYear(flows[code])
		out = append(out, *p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Code < out[b].Code })
	return out, nil
}

// gradeRows lays a school's grade counts out over its terms.
func gradeRows(terms []Term, counts []gradeCount) []GradeRow {
	col := map[Term]int{}
	for i, t := range terms {
		col[t] = i
	}
	idx := map[string]int{}
	out := []GradeRow{}
	for _, g := range counts {
		c, ok := col[g.term]
		if !ok {
			continue
		}
		k, ok := idx[g.grade]
		if !ok {
			k = len(out)
			idx[g.grade] = k
			out = append(out, GradeRow{Grade: g.grade, Label: gradeLabel(g.grade), Counts: make([]int64, len(terms))})
		}
		out[k].Counts[c] += g.n
	}
	sort.SliceStable(out, func(a, b int) bool { return gradeOrder(out[a].Grade) < gradeOrder(out[b].Grade) })
	return out
}

// loadFlows reads mart.grade_flows grouped by school and year.
func loadFlows(ctx context.Context, db *sql.DB) (map[string][]FlowYear, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, school_year, grade, enrolled, promoted, repeated, dropped_out, transferred, died,
		       promotion_rate, repetition_rate, uis_dropout_rate
		FROM mart.grade_flows
		WHERE school_code IS NOT NULL AND school_year IS NOT NULL
		ORDER BY school_code, school_year, grade`)
	if err != nil {
		return nil, fmt.Errorf("query grade flows: %w", err)
	}
	defer rows.Close()
	out := map[string][]FlowYear{}
	for rows.Next() {
		var code string
		var y int
		var f GradeFlow
		var pr, rr, dr sql.NullFloat64
		var pro, rep, drop, tr, died sql.NullInt64
		if err := rows.Scan(&code, &y, &f.Grade, &f.Enrolled, &pro, &rep, &drop, &tr, &died, &pr, &rr, &dr); err != nil {
			return nil, fmt.Errorf("scan grade flows: %w", err)
		}
		f.Promoted, f.Repeated, f.DroppedOut = optInt(pro), optInt(rep), optInt(drop)
		f.Transferred, f.Died = optInt(tr), optInt(died)
		f.Label = gradeLabel(fmt.Sprint(f.Grade))
		f.PromotionRate, f.RepetitionRate, f.DropoutRate = optFloat(pr), optFloat(rr), optFloat(dr)
		ys := out[code]
		if n := len(ys); n == 0 || ys[n-1].SchoolYear != y {
			ys = append(ys, FlowYear{SchoolYear: y, YearLabel: yearLabel(y), Complete: true})
		}
		fy := &ys[len(ys)-1]
		fy.Complete = fy.Complete && pr.Valid
		fy.Rows = append(fy.Rows, f)
		out[code] = ys
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read grade flows: %w", err)
	}
	return out, nil
}

// pickFlowYear returns the latest complete year, else the latest year.
func pickFlowYear(ys []FlowYear) *FlowYear {
	for i := len(ys) - 1; i >= 0; i-- {
		if ys[i].Complete {
			return &ys[i]
		}
	}
	if n := len(ys); n > 0 {
		return &ys[n-1]
	}
	return nil
}

// LatestLabel is the label of the school's latest roster term, or —.
func (s SchoolPage) LatestLabel() string {
	if n := len(s.Terms); n > 0 {
		return s.Terms[n-1].Label
	}
	return "—"
}

// LatestEnrolled is the school's 在读人数 in its latest roster term.
func (s SchoolPage) LatestEnrolled() *int64 {
	if n := len(s.Enrolled); n > 0 {
		return &s.Enrolled[n-1]
	}
	return nil
}
