package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// Count is a labelled count, one row of a breakdown table.
type Count struct {
	Label string `json:"label"`
	N     int64  `json:"n"`
}

// DropoutProfile breaks down the dropouts (mart.dropouts) of one school
// year: by kind, by reason, by level, by gender and by the groups the
// mechanism tracks (留守, 随迁, 残疾, 贫困). A child can be in several groups.
type DropoutProfile struct {
	SchoolYear int    `json:"school_year"`
	YearLabel  string `json:"year_label"`
	Total      int64  `json:"total"`
	Registered int64  `json:"registered"` // 登记辍学
	Suspected  int64  `json:"suspected"`  // 疑似辍学
	// Flagged counts the 疑似辍学 that may be a data error (a quarantined
	// term-2 row matches the child).
	Flagged  int64   `json:"flagged"`
	ByReason []Count `json:"by_reason"`
	ByLevel  []Count `json:"by_level"`
	ByGender []Count `json:"by_gender"`
	ByGroup  []Count `json:"by_group"`
}

// dropoutYear is the latest school year whose town dropout rate (either
// level) is known; 0 when none is.
func dropoutYear(ind *indicatorSet) int {
	y := 0
	for _, i := range ind.rows {
		if i.ScopeLevel == "town" && i.info.dropout() && i.Status != StatusNoData && i.SchoolYear > y {
			y = i.SchoolYear
		}
	}
	return y
}

// loadDropoutProfile reads the breakdown of the dropouts of dropoutYear, or
// returns nil when no year has known dropout rates.
func loadDropoutProfile(ctx context.Context, db *sql.DB, ind *indicatorSet) (*DropoutProfile, error) {
	y := dropoutYear(ind)
	if y == 0 {
		return nil, nil
	}
	p := &DropoutProfile{SchoolYear: y, YearLabel: yearLabel(y)}
	err := db.QueryRowContext(ctx, `
		SELECT count(*), count(*) FILTER (WHERE kind = '登记辍学'), count(*) FILTER (WHERE kind = '疑似辍学'),
		       count(*) FILTER (WHERE coalesce(possible_data_error, false))
		FROM mart.dropouts WHERE school_year = ?`, y).Scan(&p.Total, &p.Registered, &p.Suspected, &p.Flagged)
	if err != nil {
		return nil, fmt.Errorf("query dropout kinds: %w", err)
	}
	return p, p.loadComposition(ctx, db)
}

// loadComposition reads the year's dropouts by reason, level, gender and
// group from mart.dropout_composition, where those groupings are defined.
func (p *DropoutProfile) loadComposition(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT dimension, label, dropouts FROM mart.dropout_composition
		WHERE school_year = ? ORDER BY dimension, sort_order`, p.SchoolYear)
	if err != nil {
		return fmt.Errorf("query dropout composition: %w", err)
	}
	defer rows.Close()
	by := map[string]*[]Count{"reason": &p.ByReason, "level": &p.ByLevel, "gender": &p.ByGender, "group": &p.ByGroup}
	for _, l := range by {
		*l = []Count{}
	}
	for rows.Next() {
		var dim string
		var c Count
		if err := rows.Scan(&dim, &c.Label, &c.N); err != nil {
			return fmt.Errorf("scan dropout composition: %w", err)
		}
		if l := by[dim]; l != nil {
			*l = append(*l, c)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read dropout composition: %w", err)
	}
	return nil
}

// countsBy runs a query returning (label, count) rows.
func countsBy(ctx context.Context, db *sql.DB, query string, args ...any) ([]Count, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Label, &c.N); err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return out, nil
}
