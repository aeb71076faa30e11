package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// QualityPage is public/quality.html: what the clerks must fix, in counts.
// It names files and schools but no child: quarantine reasons are reduced
// to their category (reasonCategory), so no cell value reaches it.
type QualityPage struct {
	Loads LoadSummary `json:"loads"`
	// Quarantine counts quarantined cells by file and reason category.
	Quarantine      []QuarantineCount `json:"quarantine"`
	QuarantineTotal int64             `json:"quarantine_total"`
	// Rejected and Skipped list the files not loaded, with the reason.
	Rejected []FileNote `json:"rejected"`
	Skipped  []FileNote `json:"skipped"`
	// Missing lists the rosters a school did not send (名册未报送).
	Missing []MissingRoster `json:"missing"`
	// Findings counts the problems of mart.data_quality (actionable) by
	// finding and school year; Context counts the rows that are context
	// only (从未见于名册 of children accounted for otherwise or already on
	// the unaccounted list), kept apart so they do not bury the problems.
	Findings []FindingCount `json:"findings"`
	Context  []FindingCount `json:"context"`
	// Followup counts the findings on returned 核查表 (mart.followup_findings).
	Followup []FindingCount `json:"followup"`
	// Snapshots lists roster files that replaced or supplemented a
	// snapshot that already had a file.
	Snapshots []SnapshotSource `json:"snapshots"`
}

// QuarantineCount is how many cells of one file broke one kind of rule.
type QuarantineCount struct {
	File   string `json:"file_name"`
	Reason string `json:"reason"`
	N      int64  `json:"n"`
}

// FileNote is a file that was not loaded and why.
type FileNote struct {
	File     string `json:"file_name"`
	Message  string `json:"message"`
	LoadedAt string `json:"loaded_at"`
}

// MissingRoster is a school's roster missing for a term.
type MissingRoster struct {
	Term       Term   `json:"term"`
	SchoolCode string `json:"school_code"`
	SchoolName string `json:"school_name"`
}

// FindingCount is the number of one finding in one school year.
type FindingCount struct {
	Finding    string `json:"finding"`
	SchoolYear int    `json:"school_year"`
	YearLabel  string `json:"year_label"`
	N          int64  `json:"n"`
}

// LoadQualityPage reads the data-quality page. Files skipped or rejected
// are those of loads from since on (the latest run's start; zero: every
// load ever). It only reads.
func LoadQualityPage(ctx context.Context, db *sql.DB, since time.Time) (*QualityPage, error) {
	q := &QualityPage{Quarantine: []QuarantineCount{}, Rejected: []FileNote{}, Skipped: []FileNote{},
		Missing: []MissingRoster{}, Findings: []FindingCount{}, Snapshots: []SnapshotSource{}}
	var err error
	if q.Loads, err = loadSummary(ctx, db, since); err != nil {
		return nil, err
	}
	m, err := loadTextMasker(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := q.loadQuarantine(ctx, db, m); err != nil {
		return nil, err
	}
	if err := q.loadFiles(ctx, db, since, m); err != nil {
		return nil, err
	}
	if err := q.loadFindings(ctx, db); err != nil {
		return nil, err
	}
	if err := q.loadFollowupFindings(ctx, db); err != nil {
		return nil, err
	}
	if err := q.loadSnapshotSources(ctx, db, m); err != nil {
		return nil, err
	}
	return q, nil
}

func (q *QualityPage) loadQuarantine(ctx context.Context, db *sql.DB, m *textMasker) error {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(file_name, ''), coalesce(reason, ''), count(*)
		FROM audit.quarantine GROUP BY ALL`)
	if err != nil {
		return fmt.Errorf("query quarantine counts: %w", err)
	}
	defer rows.Close()
	sums := map[[2]string]int64{}
	for rows.Next() {
		var file, reason string
		var n int64
		if err := rows.Scan(&file, &reason, &n); err != nil {
			return fmt.Errorf("scan quarantine counts: %w", err)
		}
		sums[[2]string{file, reasonCategory(reason)}] += n
		q.QuarantineTotal += n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read quarantine counts: %w", err)
	}
	for k, n := range sums {
		q.Quarantine = append(q.Quarantine, QuarantineCount{File: m.mask(k[0]), Reason: k[1], N: n})
	}
	sort.Slice(q.Quarantine, func(a, b int) bool {
		x, y := q.Quarantine[a], q.Quarantine[b]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.N != y.N {
			return x.N > y.N
		}
		return x.Reason < y.Reason
	})
	return nil
}

func (q *QualityPage) loadFiles(ctx context.Context, db *sql.DB, since time.Time, m *textMasker) error {
	rows, err := db.QueryContext(ctx, `
		SELECT outcome = 'rejected', coalesce(file_name, ''), coalesce(message, ''), loaded_at
		FROM audit.loads WHERE outcome IN ('rejected', 'skipped_duplicate') AND loaded_at >= $1
		ORDER BY loaded_at, load_id`, since)
	if err != nil {
		return fmt.Errorf("query files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rejected bool
		var f FileNote
		var at sql.NullTime
		if err := rows.Scan(&rejected, &f.File, &f.Message, &at); err != nil {
			return fmt.Errorf("scan files: %w", err)
		}
		// File names are free text too: a clerk may name a file after a
		// child, with the child's number or a phone.
		f.File, f.Message = m.mask(f.File), m.mask(f.Message)
		if at.Valid {
			f.LoadedAt = at.Time.Format(timeLayout)
		}
		if rejected {
			q.Rejected = append(q.Rejected, f)
		} else {
			q.Skipped = append(q.Skipped, f)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read files: %w", err)
	}
	return nil
}

func (q *QualityPage) loadFindings(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(finding, ''), coalesce(school_year, 0), term, coalesce(school_code, ''),
		       CASE WHEN finding = '名册未报送' THEN coalesce(name, '') ELSE '' END,
		       coalesce(actionable, true), count(*)
		FROM mart.data_quality
		GROUP BY ALL
		ORDER BY 1, 2, 3, 4`)
	if err != nil {
		return fmt.Errorf("query findings: %w", err)
	}
	defer rows.Close()
	idx := map[[3]any]int{}
	for rows.Next() {
		var finding, school, name string
		var y int
		var t sql.NullInt64
		var n int64
		var actionable bool
		if err := rows.Scan(&finding, &y, &t, &school, &name, &actionable, &n); err != nil {
			return fmt.Errorf("scan findings: %w", err)
		}
		if finding == "名册未报送" && t.Valid {
			q.Missing = append(q.Missing, MissingRoster{Term: NewTerm(y, int(t.Int64)), SchoolCode: school, SchoolName: name})
		}
		list := &q.Findings
		if !actionable {
			list = &q.Context
		}
		k := [3]any{finding, y, actionable}
		i, ok := idx[k]
		if !ok {
			i = len(*list)
			idx[k] = i
			label := "学年不详"
			if y > 0 {
				label = yearLabel(y)
			}
			*list = append(*list, FindingCount{Finding: finding, SchoolYear: y, YearLabel: label})
		}
		(*list)[i].N += n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	return nil
}
