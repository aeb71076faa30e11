package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// Cases (个案, 动态销号; docs/indicators.md "Cases"): the restricted 个案台账
// names the children, the public 个案核查进展 only counts them.

// CaseRow is one case of the 个案台账.
type CaseRow struct {
	CaseID      string `json:"case_id"`
	Name        string `json:"name"`
	Group       string `json:"group_no"`
	Village     string `json:"village"`
	School      string `json:"school"`
	Reason      string `json:"reason"`
	Status      string `json:"status"`
	Terms       int64  `json:"terms_open"`
	Days        int64  `json:"days_open"`
	Last        string `json:"last"` // latest finding: date, result, checker, measures
	Deadline    string `json:"deadline"`
	Overdue     bool   `json:"overdue"`
	Basis       string `json:"close_basis"`
	ClosedOn    string `json:"closed_on"`
	Cadres      string `json:"cadres"` // 包村干部 / 包组干部
	HeadTeacher string `json:"head_teacher"`
	Guardian    string `json:"guardian"`
	Phone       string `json:"guardian_phone"`
}

// CaseGroup is the open cases of one village or school, oldest first.
type CaseGroup struct {
	Code  string    `json:"code"`
	Name  string    `json:"name"`
	Cases []CaseRow `json:"cases"`
}

// CaseLedger is restricted/cases.html.
type CaseLedger struct {
	Term     *Term       `json:"term"`
	Open     int         `json:"open"`
	Villages []CaseGroup `json:"villages"`
	Schools  []CaseGroup `json:"schools"`
	// Closed are the cases closed in Term, with their basis.
	Closed []CaseRow `json:"closed"`
}

// LoadCaseLedger reads the 个案台账 of the latest term. It only reads.
func LoadCaseLedger(ctx context.Context, db *sql.DB) (*CaseLedger, error) {
	l := &CaseLedger{Villages: []CaseGroup{}, Schools: []CaseGroup{}, Closed: []CaseRow{}}
	term, err := latestCaseTerm(ctx, db)
	if err != nil || term == nil {
		return l, err
	}
	l.Term = term
	rows, err := db.QueryContext(ctx, caseRowsQuery, term.SchoolYear, term.Term)
	if err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	villages, schools := map[string]int{}, map[string]int{}
	for rows.Next() {
		var c CaseRow
		var vCode, sCode string
		if err := rows.Scan(&c.CaseID, &c.Name, &c.Group, &vCode, &c.Village, &sCode, &c.School, &c.Reason, &c.Status,
			&c.Terms, &c.Days, &c.Last, &c.Deadline, &c.Overdue, &c.Basis, &c.ClosedOn, &c.Cadres, &c.HeadTeacher,
			&c.Guardian, &c.Phone); err != nil {
			return nil, fmt.Errorf("scan case: %w", err)
		}
		if c.Status == "已销号" {
			l.Closed = append(l.Closed, c)
			continue
		}
		l.Open++
		if vCode != "" {
			l.Villages = addCase(l.Villages, villages, vCode, c.Village, c)
		}
		if sCode != "" {
			l.Schools = addCase(l.Schools, schools, sCode, c.School, c)
		}
	}
	return l, rows.Err()
}

func addCase(groups []CaseGroup, at map[string]int, code, name string, c CaseRow) []CaseGroup {
	i, ok := at[code]
	if !ok {
		i = len(groups)
		at[code] = i
		groups = append(groups, CaseGroup{Code: code, Name: name})
	}
	groups[i].Cases = append(groups[i].Cases, c)
	return groups
}

// latestCaseTerm is the latest term with any roster; nil without one.
func latestCaseTerm(ctx context.Context, db *sql.DB) (*Term, error) {
	var y, t int
	err := db.QueryRowContext(ctx, "SELECT school_year, term FROM mart.school_term_bulletin ORDER BY school_year DESC, term DESC LIMIT 1").Scan(&y, &t)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest term: %w", err)
	}
	term := NewTerm(y, t)
	return &term, nil
}

// caseRowsQuery: the open cases, oldest first, and the cases closed in the
// term ($1, $2).
const caseRowsQuery = `
SELECT c.case_id, c.name, coalesce(c.group_no, ''), coalesce(c.village_code, ''), coalesce(c.village_name, c.village_code, ''),
       coalesce(c.school_code, ''), coalesce(c.school_name, c.school_code, ''),
       coalesce(c.latest_reason, c.opened_reason), c.status, c.terms_open, c.days_open,
       coalesce(c.last_check_date || ' ' || c.last_outcome || coalesce('（' || c.last_checker || '）', '')
                || coalesce('；' || c.last_measures, ''), '未核查'),
       coalesce(c.deadline::VARCHAR, ''), c.overdue, coalesce(c.close_basis, ''), coalesce(c.closed_on::VARCHAR, ''),
       concat_ws(' / ', c.town_cadre, c.village_cadre), coalesce(c.head_teacher, ''),
       coalesce(c.guardian, ''), coalesce(c.guardian_phone, '')
FROM mart.cases c
WHERE c.status <> '已销号' OR (c.closed_year = $1 AND c.closed_term = $2)
ORDER BY c.opened_year, c.opened_term, c.village_code, c.group_no, c.case_id`
