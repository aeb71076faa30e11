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

// loadMeasures fills the 应对措施 from the cases of each violating scope:
// the whole town for a town-level line, the village's cases (by the
// child's household village) or the school's (by its last roll).
func loadMeasures(ctx context.Context, db *sql.DB, violations []Indicator, t Term) ([]Measure, error) {
	out := []Measure{}
	for _, v := range violations {
		filter, who := "true", "镇教育办"
		switch v.ScopeLevel {
		case "village":
			filter, who = "village_code = $3", v.ScopeName+"包村干部、包组干部"
		case "school":
			filter, who = "school_code = $3", v.ScopeName+"校长、班主任"
		}
		var open, ordered, overdue, closed int64
		var measures []any
		err := db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status <> '已销号'),
			count(*) FILTER (WHERE status = '限期改正'), count(*) FILTER (WHERE overdue),
			count(*) FILTER (WHERE closed_year = $1 AND closed_term = $2),
			coalesce(list(DISTINCT last_measures ORDER BY last_measures) FILTER (WHERE status <> '已销号' AND last_measures IS NOT NULL), [])
			FROM mart.cases WHERE `+filter, t.SchoolYear, t.Term, v.ScopeCode).Scan(&open, &ordered, &overdue, &closed, &measures)
		if err != nil {
			return nil, fmt.Errorf("measures of %s: %w", v.ScopeName, err)
		}
		action := fmt.Sprintf("未销号个案 %d 起，其中责令限期改正 %d 起（逾期未改正 %d 起）；本学期销号 %d 起", open, ordered, overdue, closed)
		var said []string
		for _, m := range measures {
			if s, ok := m.(string); ok {
				said = append(said, privacy.MaskText(s))
			}
		}
		if len(said) > 0 {
			action += "；已采取措施：" + strings.Join(said, "；")
		} else if open > 0 {
			action += "；尚无核查反馈，须逐一走访核查"
		}
		out = append(out, Measure{Problem: v.ScopeName + " " + v.Name + " " + string(v.Status) + "（" + v.Shown + "）",
			Action: action, Responsible: who})
	}
	return out, nil
}
