package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dropwatch/privacy"
)

// Measure is one line of the report's 应对措施: a violation of the year
// and what the cases of its scope (mart.cases) show was done about it.
// It counts cases and quotes the measures recorded (digits masked): no
// names, since the report is public.
type Measure struct {
	Problem     string `json:"problem"`     // e.g. 东山村 小学学龄人口入学率 未达标（99.2%）
	Action      string `json:"action"`      // the cases: open, orders issued, closed this term, measures
	Responsible string `json:"responsible"` // the office, or the village's 包村干部, or the school's 校长
}

// caseTally is what the cases of one scope show: the counts and the
// distinct measures of the open cases, masked later.
type caseTally struct {
	open, ordered, overdue, closed int64
	measures                       []any
}

// scopeKey names a scope of caseTallies: level town (code empty),
// village or school.
type scopeKey struct{ level, code string }

// loadMeasures fills the 应对措施 from the cases of each violating scope:
// the whole town for a town-level line, the village's cases (by the
// child's household village) or the school's (by its last roll).
func loadMeasures(ctx context.Context, db *sql.DB, violations []Indicator, t Term) ([]Measure, error) {
	out := []Measure{}
	if len(violations) == 0 {
		return out, nil
	}
	tallies, err := loadCaseTallies(ctx, db, t)
	if err != nil {
		return nil, err
	}
	for _, v := range violations {
		key, who := scopeKey{level: "town"}, "镇教育办"
		switch v.ScopeLevel {
		case "village":
			key, who = scopeKey{"village", v.ScopeCode}, v.ScopeName+"包村干部、包组干部"
		case "school":
			key, who = scopeKey{"school", v.ScopeCode}, v.ScopeName+"校长、班主任"
		}
		c := tallies[key]
		action := fmt.Sprintf("未销号个案 %d 起，其中责令限期改正 %d 起（逾期未改正 %d 起）；本学期销号 %d 起", c.open, c.ordered, c.overdue, c.closed)
		var said []string
		for _, m := range c.measures {
			if s, ok := m.(string); ok {
				said = append(said, privacy.MaskText(s))
			}
		}
		if len(said) > 0 {
			action += "；已采取措施：" + strings.Join(said, "；")
		} else if c.open > 0 {
			action += "；尚无核查反馈，须逐一走访核查"
		}
		out = append(out, Measure{Problem: v.ScopeName + " " + v.Name + " " + string(v.Status) + "（" + v.Shown + "）",
			Action: action, Responsible: who})
	}
	return out, nil
}

// loadCaseTallies tallies mart.cases in one query for the town, each
// village and each school (a scope without cases is missing: zero counts,
// no measures). One query, not one per violation: a county has thousands.
func loadCaseTallies(ctx context.Context, db *sql.DB, t Term) (map[scopeKey]caseTally, error) {
	rows, err := db.QueryContext(ctx, `SELECT CASE WHEN grouping(village_code) = 0 THEN 'village'
			WHEN grouping(school_code) = 0 THEN 'school' ELSE 'town' END,
			coalesce(village_code, school_code), grouping(village_code) + grouping(school_code) = 2,
			count(*) FILTER (WHERE status <> '已销号'),
			count(*) FILTER (WHERE status = '限期改正'), count(*) FILTER (WHERE overdue),
			count(*) FILTER (WHERE closed_year = $1 AND closed_term = $2),
			coalesce(list(DISTINCT last_measures ORDER BY last_measures) FILTER (WHERE status <> '已销号' AND last_measures IS NOT NULL), [])
		FROM mart.cases GROUP BY GROUPING SETS ((village_code), (school_code), ())`, t.SchoolYear, t.Term)
	if err != nil {
		return nil, fmt.Errorf("query case tallies: %w", err)
	}
	defer rows.Close()
	out := map[scopeKey]caseTally{}
	for rows.Next() {
		var k scopeKey
		var code sql.NullString
		var town bool
		var c caseTally
		if err := rows.Scan(&k.level, &code, &town, &c.open, &c.ordered, &c.overdue, &c.closed, &c.measures); err != nil {
			return nil, fmt.Errorf("scan case tallies: %w", err)
		}
		// Cases without a village (or school) match no village's line,
		// as village_code = '...' never matches NULL.
		if !code.Valid && !town {
			continue
		}
		k.code = code.String
		out[k] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read case tallies: %w", err)
	}
	return out, nil
}
