package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The 核查表: the restricted work list each run writes for every village
// and every school, one .xlsx each, with the open cases of mart.cases
// pre-filled and the blank columns of input kind 10 (核查反馈) to fill in.
// The workbook that comes back through the inbox is loaded as a followup
// file (docs/inputs.md), so its header row must stay the kind's headers.

// WorkCase is one open case as its 核查表 row pre-fills it.
type WorkCase struct {
	CaseID   string // 案件编号
	Group    string // 村民小组
	Name     string
	ID       string // 身份证件号
	Gender   string
	Birth    *time.Time
	Reason   string // latest reason on the list
	Terms    int64  // 连续在册学期: terms on the list while open
	Guardian string
	Phone    string
	Last     string // the latest finding, e.g. 2026-01-10 拒不入学（限期 2026-02-28）；送达通知书
}

// Worklist is the 核查表 of one village (for its 包村/包组干部) or one school
// (for its head teachers).
type Worklist struct {
	School bool   // a school's list, else a village's
	Code   string // 村代码 or 学校标识码
	Name   string
	Signer string // who signs beside the checker: 包村干部 or 校长
	Cases  []WorkCase
}

// File is the workbook's name inside restricted/worklists/.
func (w Worklist) File() string {
	kind := "village"
	if w.School {
		kind = "school"
	}
	return kind + "-" + w.Code + ".xlsx"
}

// Worklists are the 核查表 of the latest term with rosters.
type Worklists struct {
	Term     *Term
	Villages []Worklist
	Schools  []Worklist
}

// LoadWorklists reads the open cases of mart.cases, oldest first, into one
// list per village and per school. A case goes to the village of its
// latest household row and to the last school whose roll held the child
// (either may be missing). Term is nil when no roster was ever loaded.
func LoadWorklists(ctx context.Context, db *sql.DB) (*Worklists, error) {
	out := &Worklists{}
	var y, t int
	err := db.QueryRowContext(ctx, "SELECT school_year, term FROM mart.school_term_bulletin ORDER BY school_year DESC, term DESC LIMIT 1").Scan(&y, &t)
	if err == sql.ErrNoRows {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest term: %w", err)
	}
	term := NewTerm(y, t)
	out.Term = &term
	rows, err := db.QueryContext(ctx, worklistQuery)
	if err != nil {
		return nil, fmt.Errorf("open cases: %w", err)
	}
	defer rows.Close()
	villages, schools := map[string]int{}, map[string]int{}
	for rows.Next() {
		var c WorkCase
		var vCode, vName, vCadre, sCode, sName, principal string
		if err := rows.Scan(&c.CaseID, &c.Group, &c.Name, &c.ID, &c.Gender, &c.Birth, &c.Reason, &c.Terms,
			&c.Guardian, &c.Phone, &c.Last, &vCode, &vName, &vCadre, &sCode, &sName, &principal); err != nil {
			return nil, fmt.Errorf("scan open case: %w", err)
		}
		if vCode != "" {
			out.Villages = addWorkCase(out.Villages, villages, Worklist{Code: vCode, Name: vName, Signer: "包村干部"}, c)
		}
		if sCode != "" {
			out.Schools = addWorkCase(out.Schools, schools, Worklist{School: true, Code: sCode, Name: sName, Signer: "校长"}, c)
		}
	}
	return out, rows.Err()
}

func addWorkCase(lists []Worklist, at map[string]int, w Worklist, c WorkCase) []Worklist {
	i, ok := at[w.Code]
	if !ok {
		i = len(lists)
		at[w.Code] = i
		lists = append(lists, w)
	}
	lists[i].Cases = append(lists[i].Cases, c)
	return lists
}

// worklistQuery reads the open cases with their particulars, oldest
// first, from mart.case_worklist (where which particulars a list shows is
// decided).
const worklistQuery = `
SELECT case_id, group_no, name, id_number, gender, birth_date, reason, terms_open, guardian, guardian_phone,
       last_check, village_code, village_name, town_cadre, school_code, school_name, principal
FROM mart.case_worklist
ORDER BY opened_year, opened_term, group_no, case_id`
