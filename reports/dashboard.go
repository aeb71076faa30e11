package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Dashboard holds every number the public dashboard shows. It is loaded from
// the warehouse by LoadDashboard and rendered by the templates as is, so a
// golden copy of it pins what the page says.
type Dashboard struct {
	// LatestTerm is the most recent term with enrolment rows; nil when
	// mart.school_term_enrolment is empty.
	LatestTerm *Term `json:"latest_term"`
	// Schools lists 在读人数 per school in LatestTerm, ordered by school code.
	Schools []SchoolEnrolment `json:"schools"`
	// LatestTotal is the sum of Schools' enrolled counts.
	LatestTotal int64 `json:"latest_total"`
	// TermTotals is total 在读人数 per term over all terms, oldest first.
	TermTotals []TermTotal `json:"term_totals"`
	// Loads summarises audit.loads with counts only (no file names).
	Loads LoadSummary `json:"loads"`
}

// Term names one school term: SchoolYear is the starting year (2025 means
// 2025-2026), Term is 1 (第一学期, autumn) or 2 (第二学期, spring).
type Term struct {
	SchoolYear int    `json:"school_year"`
	Term       int    `json:"term"`
	Label      string `json:"label"`
}

// SchoolEnrolment is one school's 在读人数 in a term.
type SchoolEnrolment struct {
	Code     string `json:"school_code"`
	Name     string `json:"school_name"`
	Type     string `json:"school_type"`
	Enrolled int64  `json:"enrolled"`
}

// TermTotal is the town's total 在读人数 in one term.
type TermTotal struct {
	Term
	Enrolled int64 `json:"enrolled"`
}

// LoadSummary counts the files the pipeline has seen by outcome and the rows
// it quarantined. LatestLoadedAt is the newest loaded_at of a file whose
// outcome is loaded, nil when none was.
type LoadSummary struct {
	FilesLoaded     int64      `json:"files_loaded"`
	FilesSkipped    int64      `json:"files_skipped"`
	FilesRejected   int64      `json:"files_rejected"`
	RowsQuarantined int64      `json:"rows_quarantined"`
	LatestLoadedAt  *time.Time `json:"latest_loaded_at"`
}

// NewTerm returns the term with its Chinese label, e.g. 2025-2026学年第一学期.
func NewTerm(schoolYear, term int) Term {
	return Term{SchoolYear: schoolYear, Term: term, Label: termLabel(schoolYear, term)}
}

func termLabel(schoolYear, term int) string {
	name := fmt.Sprintf("第%d学期", term)
	switch term {
	case 1:
		name = "第一学期"
	case 2:
		name = "第二学期"
	}
	return fmt.Sprintf("%d-%d学年%s", schoolYear, schoolYear+1, name)
}

// LoadDashboard reads the dashboard's numbers from mart.school_term_enrolment
// and audit.loads. It only reads.
func LoadDashboard(ctx context.Context, db *sql.DB) (*Dashboard, error) {
	d := &Dashboard{Schools: []SchoolEnrolment{}, TermTotals: []TermTotal{}}
	var err error
	if d.TermTotals, err = loadTermTotals(ctx, db); err != nil {
		return nil, err
	}
	if n := len(d.TermTotals); n > 0 {
		latest := d.TermTotals[n-1].Term
		d.LatestTerm = &latest
		if d.Schools, err = loadSchools(ctx, db, latest); err != nil {
			return nil, err
		}
	}
	for _, s := range d.Schools {
		d.LatestTotal += s.Enrolled
	}
	if d.Loads, err = loadSummary(ctx, db); err != nil {
		return nil, err
	}
	return d, nil
}

func loadTermTotals(ctx context.Context, db *sql.DB) ([]TermTotal, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, term, CAST(coalesce(sum(enrolled), 0) AS BIGINT)
		FROM mart.school_term_enrolment
		WHERE school_year IS NOT NULL AND term IS NOT NULL
		GROUP BY school_year, term
		ORDER BY school_year, term`)
	if err != nil {
		return nil, fmt.Errorf("query term totals: %w", err)
	}
	defer rows.Close()
	out := []TermTotal{}
	for rows.Next() {
		var y, t int
		var n int64
		if err := rows.Scan(&y, &t, &n); err != nil {
			return nil, fmt.Errorf("scan term totals: %w", err)
		}
		out = append(out, TermTotal{Term: NewTerm(y, t), Enrolled: n})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read term totals: %w", err)
	}
	return out, nil
}

func loadSchools(ctx context.Context, db *sql.DB, t Term) ([]SchoolEnrolment, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(school_code, ''), coalesce(school_name, ''),
		       coalesce(school_type, ''), coalesce(enrolled, 0)
		FROM mart.school_term_enrolment
		WHERE school_year = ? AND term = ?
		ORDER BY school_code, school_name`, t.SchoolYear, t.Term)
	if err != nil {
		return nil, fmt.Errorf("query school enrolment: %w", err)
	}
	defer rows.Close()
	out := []SchoolEnrolment{}
	for rows.Next() {
		var s SchoolEnrolment
		if err := rows.Scan(&s.Code, &s.Name, &s.Type, &s.Enrolled); err != nil {
			return nil, fmt.Errorf("scan school enrolment: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read school enrolment: %w", err)
	}
	return out, nil
}

func loadSummary(ctx context.Context, db *sql.DB) (LoadSummary, error) {
	var s LoadSummary
	var latest sql.NullTime
	err := db.QueryRowContext(ctx, `
		SELECT count(*) FILTER (WHERE outcome = 'loaded'),
		       count(*) FILTER (WHERE outcome = 'skipped_duplicate'),
		       count(*) FILTER (WHERE outcome = 'rejected'),
		       CAST(coalesce(sum(rows_quarantined) FILTER (WHERE outcome = 'loaded'), 0) AS BIGINT),
		       max(loaded_at) FILTER (WHERE outcome = 'loaded')
		FROM audit.loads`).Scan(&s.FilesLoaded, &s.FilesSkipped, &s.FilesRejected,
		&s.RowsQuarantined, &latest)
	if err != nil {
		return s, fmt.Errorf("query load summary: %w", err)
	}
	if latest.Valid {
		t := latest.Time
		s.LatestLoadedAt = &t
	}
	return s, nil
}
