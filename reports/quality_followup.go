package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// loadFollowupFindings counts mart.followup_findings (what the returned
// 核查表 say someone must check: 核查对象不在名单, 查无此人, 户籍待更新,
// 已销号案件的核查, 名册辍学但有外地就读证明) by finding and school year.
func (q *QualityPage) loadFollowupFindings(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT finding, school_year, count(*) FROM mart.followup_findings
		GROUP BY ALL ORDER BY 2, 1`)
	if err != nil {
		return fmt.Errorf("query follow-up findings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f FindingCount
		if err := rows.Scan(&f.Finding, &f.SchoolYear, &f.N); err != nil {
			return fmt.Errorf("scan follow-up findings: %w", err)
		}
		f.YearLabel = yearLabel(f.SchoolYear)
		q.Followup = append(q.Followup, f)
	}
	return rows.Err()
}
