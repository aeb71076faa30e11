package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// CaseCountRow counts the cases of one village or school (public: no names).
type CaseCountRow struct {
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	Pending  int64   `json:"pending"`  // 待核查
	Checking int64   `json:"checking"` // 核查中
	Ordered  int64   `json:"ordered"`  // 限期改正
	Open     int64   `json:"open"`
	Median   float64 `json:"median_days_open"` // over the open cases; 0 without any
	Overdue  int64   `json:"overdue"`
	LongOpen int64   `json:"long_open"` // open cases on the list for 3 terms or more
	// Closed counts the cases closed this term by basis.
	Closed      []Count `json:"closed"`
	ClosedTotal int64   `json:"closed_total"`
}

// Flagged reports a village or school the dashboard names: an overdue
// 限期改正 order, or a case open for three terms or more.
func (r CaseCountRow) Flagged() bool { return r.Overdue > 0 || r.LongOpen > 0 }

// CaseCounts is public/cases.html and the dashboard's case alerts.
type CaseCounts struct {
	Term     *Term          `json:"term"`
	Villages []CaseCountRow `json:"villages"`
	Schools  []CaseCountRow `json:"schools"`
	Total    CaseCountRow   `json:"total"`
}

// Alerts are the villages the dashboard names (Flagged).
func (c *CaseCounts) Alerts() []CaseCountRow {
	var out []CaseCountRow
	for _, v := range c.Villages {
		if v.Flagged() {
			out = append(out, v)
		}
	}
	return out
}

// LoadCaseCounts counts mart.cases per village and per school for the
// latest term. It only reads.
func LoadCaseCounts(ctx context.Context, db *sql.DB) (*CaseCounts, error) {
	c := &CaseCounts{Villages: []CaseCountRow{}, Schools: []CaseCountRow{}}
	term, err := latestCaseTerm(ctx, db)
	if err != nil || term == nil {
		return c, err
	}
	c.Term = term
	var total []CaseCountRow
	for _, s := range []struct {
		rows             *[]CaseCountRow
		key, label, join string
	}{
		{&c.Villages, "c.village_code", "any_value(coalesce(c.village_name, c.village_code))", ""},
		{&c.Schools, "c.school_code", "any_value(coalesce(c.school_name, c.school_code))", ""},
		{&total, "'town'", "'合计'", ""},
	} {
		if *s.rows, err = loadCaseCountRows(ctx, db, s.key, s.label, s.join, *term); err != nil {
			return nil, err
		}
	}
	c.Total = CaseCountRow{Name: "合计", Closed: []Count{}}
	if len(total) > 0 {
		c.Total = total[0]
		c.Total.Code = "" // the town's row has no code of its own
	}
	return c, nil
}

func loadCaseCountRows(ctx context.Context, db *sql.DB, key, label, join string, term Term) ([]CaseCountRow, error) {
	q := `SELECT ` + key + `, ` + label + `,
	       count(*) FILTER (WHERE c.status = '待核查'), count(*) FILTER (WHERE c.status = '核查中'),
	       count(*) FILTER (WHERE c.status = '限期改正'), count(*) FILTER (WHERE c.status <> '已销号'),
	       coalesce(median(c.days_open) FILTER (WHERE c.status <> '已销号'), 0),
	       count(*) FILTER (WHERE c.overdue), count(*) FILTER (WHERE c.status <> '已销号' AND c.terms_open >= 3),
	       coalesce(list(c.close_basis ORDER BY c.close_basis) FILTER (WHERE c.closed_year = $1 AND c.closed_term = $2), [])
	FROM mart.cases c ` + join + `
	WHERE ` + key + ` IS NOT NULL AND (c.status <> '已销号' OR (c.closed_year = $1 AND c.closed_term = $2))
	GROUP BY ALL ORDER BY 1`
	rows, err := db.QueryContext(ctx, q, term.SchoolYear, term.Term)
	if err != nil {
		return nil, fmt.Errorf("case counts: %w", err)
	}
	defer rows.Close()
	out := []CaseCountRow{}
	for rows.Next() {
		var r CaseCountRow
		var bases []any
		if err := rows.Scan(&r.Code, &r.Name, &r.Pending, &r.Checking, &r.Ordered, &r.Open, &r.Median,
			&r.Overdue, &r.LongOpen, &bases); err != nil {
			return nil, fmt.Errorf("scan case counts: %w", err)
		}
		r.Closed, r.ClosedTotal = countBases(bases)
		out = append(out, r)
	}
	return out, rows.Err()
}

// countBases counts a sorted list of close bases: [已入学 已入学 在外地就读]
// → 已入学 2, 在外地就读 1.
func countBases(bases []any) ([]Count, int64) {
	out := []Count{}
	for _, b := range bases {
		s, _ := b.(string)
		if n := len(out); n > 0 && out[n-1].Label == s {
			out[n-1].N++
		} else {
			out = append(out, Count{Label: s, N: 1})
		}
	}
	return out, int64(len(bases))
}

// TotalRows is the town's total as a one-row table.
func (c *CaseCounts) TotalRows() []CaseCountRow { return []CaseCountRow{c.Total} }
