package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// gradeCount is one school's 在读 pupils at one grade in one term.
type gradeCount struct {
	term  Term
	grade string
	n     int64
}

// schoolGrades reads 在读 pupils per school, term and grade
// (mart.school_grade_enrolment).
func schoolGrades(ctx context.Context, db *sql.DB) (map[string][]gradeCount, error) {
	out := map[string][]gradeCount{}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, school_year, term, grade, enrolled
		FROM mart.school_grade_enrolment
		ORDER BY ALL`)
	if err != nil {
		return nil, fmt.Errorf("query school grades: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var y, t int
		var g gradeCount
		if err := rows.Scan(&code, &y, &t, &g.grade, &g.n); err != nil {
			return nil, fmt.Errorf("scan school grades: %w", err)
		}
		g.term = NewTerm(y, t)
		out[code] = append(out[code], g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read school grades: %w", err)
	}
	return out, nil
}
