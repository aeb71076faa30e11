package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// DropoutList names every dropout (mart.dropouts) by year and school with
// the persuasion history of the child (mart.persuasion), plus the open
// ledger cases of children not on it. Restricted tier only.
type DropoutList struct {
	Years []DropoutYear `json:"years"`
	// Other are open ledger cases (not 已销号) of children not listed as
	// dropouts (their school's rate may be 无数据, or the episode is of
	// another year).
	Other []PersuasionCase `json:"other"`
}

// DropoutYear is one school year's dropouts, newest year first.
type DropoutYear = YearGroup[NamedDropout]

// DropoutSchool is one school's dropouts of a year.
type DropoutSchool = SchoolGroup[NamedDropout]

// NamedDropout is one dropout with the child's persuasion episodes.
type NamedDropout struct {
	IDNumber          string           `json:"id_number"`
	Name              string           `json:"name"`
	Level             string           `json:"level"`
	Grade             int              `json:"grade"`
	Class             string           `json:"class_no"`
	Kind              string           `json:"kind"`
	Reason            string           `json:"reason"`
	PersuasionStatus  string           `json:"persuasion_status"`
	PossibleDataError bool             `json:"possible_data_error"`
	History           []PersuasionCase `json:"history"`
}

// PersuasionCase is one episode of the persuasion ledger.
type PersuasionCase struct {
	SchoolCode     string `json:"school_code"`
	SchoolName     string `json:"school_name"`
	IDNumber       string `json:"id_number"`
	Name           string `json:"name"`
	Grade          string `json:"grade"`
	DropoutDate    string `json:"dropout_date"`
	Reason         string `json:"reason"`
	Measures       string `json:"measures"`
	Persuader      string `json:"persuader"`
	PersuaderPhone string `json:"persuader_phone"`
	Visits         int64  `json:"visits"`
	Status         string `json:"persuasion_status"`
	ReturnDate     string `json:"return_date"`
	Placement      string `json:"placement"`
	CaseStatus     string `json:"case_status"`
	DaysOut        int64  `json:"days_out"`
}

// LoadDropoutList reads the named dropouts and the ledger. It only reads.
func LoadDropoutList(ctx context.Context, db *sql.DB) (*DropoutList, error) {
	cases, err := loadCases(ctx, db)
	if err != nil {
		return nil, err
	}
	names, err := schoolNames(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, coalesce(school_code, ''), coalesce(id_number, ''), coalesce(name, ''),
		       coalesce(level, ''), coalesce(grade, 0), coalesce(class_no, ''), coalesce(kind, ''),
		       coalesce(reason, ''), coalesce(persuasion_status, ''), coalesce(possible_data_error, false)
		FROM mart.dropouts WHERE school_year IS NOT NULL
		ORDER BY school_year DESC, school_code, grade, class_no, id_number`)
	if err != nil {
		return nil, fmt.Errorf("query dropouts: %w", err)
	}
	defer rows.Close()
	l := &DropoutList{Years: []DropoutYear{}, Other: []PersuasionCase{}}
	listed := map[string]bool{}
	for rows.Next() {
		var y int
		var code string
		var d NamedDropout
		if err := rows.Scan(&y, &code, &d.IDNumber, &d.Name, &d.Level, &d.Grade, &d.Class, &d.Kind, &d.Reason,
			&d.PersuasionStatus, &d.PossibleDataError); err != nil {
			return nil, fmt.Errorf("scan dropouts: %w", err)
		}
		d.History = cases[d.IDNumber]
		listed[d.IDNumber] = true
		l.Years = addGrouped(l.Years, y, code, names[code], d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read dropouts: %w", err)
	}
	for _, id := range sortedKeys(cases) {
		if listed[id] {
			continue
		}
		for _, c := range cases[id] {
			if c.CaseStatus != "已销号" {
				l.Other = append(l.Other, c)
			}
		}
	}
	return l, nil
}

// loadCases reads the ledger, by child, oldest episode first.
func loadCases(ctx context.Context, db *sql.DB) (map[string][]PersuasionCase, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(school_code, ''), coalesce(school_name, ''), coalesce(id_number, ''), coalesce(name, ''),
		       coalesce(grade, ''), dropout_date, coalesce(reason, ''), coalesce(measures, ''),
		       coalesce(persuader, ''), coalesce(persuader_phone, ''), coalesce(visits, 0),
		       coalesce(persuasion_status, ''), return_date, coalesce(placement, ''),
		       coalesce(case_status, ''), coalesce(days_out, 0)
		FROM mart.persuasion
		ORDER BY id_number, dropout_date, school_code`)
	if err != nil {
		return nil, fmt.Errorf("query ledger: %w", err)
	}
	defer rows.Close()
	out := map[string][]PersuasionCase{}
	for rows.Next() {
		var c PersuasionCase
		var dropped, back sql.NullTime
		if err := rows.Scan(&c.SchoolCode, &c.SchoolName, &c.IDNumber, &c.Name, &c.Grade, &dropped, &c.Reason,
			&c.Measures, &c.Persuader, &c.PersuaderPhone, &c.Visits, &c.Status, &back, &c.Placement,
			&c.CaseStatus, &c.DaysOut); err != nil {
			return nil, fmt.Errorf("scan ledger: %w", err)
		}
		c.DropoutDate, c.ReturnDate = dateText(dropped), dateText(back)
		out[c.IDNumber] = append(out[c.IDNumber], c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ledger: %w", err)
	}
	return out, nil
}

// schoolNames maps school codes to names from the enrolment mart.
func schoolNames(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, arg_max(school_name, school_year * 10 + term) FROM mart.school_term_enrolment
		WHERE school_code IS NOT NULL GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("query school names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code string
		var name sql.NullString
		if err := rows.Scan(&code, &name); err != nil {
			return nil, fmt.Errorf("scan school names: %w", err)
		}
		out[code] = name.String
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read school names: %w", err)
	}
	return out, nil
}
