package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Dashboard holds every number the public dashboard (public/index.html)
// shows. It is loaded from the warehouse by LoadDashboard and rendered by
// the templates as is, so a golden copy of it pins what the page says.
type Dashboard struct {
	// LatestTerm is the most recent term with enrolment rows; nil when
	// mart.school_term_enrolment is empty.
	LatestTerm *Term `json:"latest_term"`
	// LatestTotal is the town's 在读人数 in LatestTerm.
	LatestTotal int64 `json:"latest_total"`
	// Schools and Villages count the school and village pages.
	Schools  int `json:"schools"`
	Villages int `json:"villages"`
	// Year is the latest school year of mart.indicators (0 when none).
	Year      int    `json:"year"`
	YearLabel string `json:"year_label"`
	// Indicators are the town's figures of Year, 一票否决 first, then
	// 未达标, 无数据 and 达标.
	Indicators []Indicator `json:"indicators"`
	// Years are all school years of mart.indicators, oldest first; Trends
	// holds the town's indicators over them.
	Years  []int             `json:"years"`
	Trends []IndicatorSeries `json:"trends"`
	// Violations counts the schools and villages below their line in Year.
	Violations []ViolationCount `json:"violations"`
	// Headline names them, with figure and line, for the page's opening.
	Headline Headline `json:"headline"`
	// TermTotals is total 在读人数 per term over all terms, oldest first.
	TermTotals []TermTotal `json:"term_totals"`
	// Dropouts breaks down the dropouts of the latest year whose town
	// dropout rates are known; nil when there is none.
	Dropouts *DropoutProfile `json:"dropouts"`
	// Quality counts the findings of mart.data_quality.
	Quality QualitySummary `json:"quality"`
	// Loads summarises audit.loads with counts only (no file names).
	Loads LoadSummary `json:"loads"`
}

// ViolationCount is how many scopes of one level are 一票否决 or 未达标.
type ViolationCount struct {
	Level string `json:"level"`
	Veto  int    `json:"veto"`
	Fail  int    `json:"fail"`
}

// QualitySummary counts the data-quality problems by kind (the rows of
// mart.data_quality a clerk should act on); Context counts the rows that
// are context only.
type QualitySummary struct {
	Total    int64   `json:"total"`
	Findings []Count `json:"findings"`
	Context  int64   `json:"context"`
}

// Term names one school term: SchoolYear is the starting year (2025 means
// 2025-2026), Term is 1 (第一学期, autumn) or 2 (第二学期, spring).
type Term struct {
	SchoolYear int    `json:"school_year"`
	Term       int    `json:"term"`
	Label      string `json:"label"`
}

// TermTotal is the town's total 在读人数 in one term.
type TermTotal struct {
	Term
	Enrolled int64 `json:"enrolled"`
	// GraduatedEarly counts grade-6 and grade-9 pupils a term-2 roster
	// already marks 毕业 (mart.term_graduated_early): the total falls by
	// them, and the page says why.
	GraduatedEarly int64 `json:"graduated_early,omitempty"`
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

// LoadDashboard reads the dashboard's numbers from the marts and audit.loads.
// It only reads.
func LoadDashboard(ctx context.Context, db *sql.DB) (*Dashboard, error) {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return nil, err
	}
	return loadDashboard(ctx, db, ind, time.Time{})
}

// loadDashboard reads the dashboard; files skipped or rejected are counted
// from since on (the run's start), so re-runs do not pile them up.
func loadDashboard(ctx context.Context, db *sql.DB, ind *indicatorSet, since time.Time) (*Dashboard, error) {
	d := &Dashboard{Indicators: []Indicator{}, Years: ind.years, Violations: []ViolationCount{}}
	if d.Years == nil {
		d.Years = []int{}
	}
	var err error
	if d.TermTotals, err = loadTermTotals(ctx, db); err != nil {
		return nil, err
	}
	if n := len(d.TermTotals); n > 0 {
		latest := d.TermTotals[n-1]
		d.LatestTerm = &latest.Term
		d.LatestTotal = latest.Enrolled
	}
	town := ind.townCode()
	if n := len(ind.years); n > 0 {
		d.Year = ind.years[n-1]
		d.YearLabel = yearLabel(d.Year)
		d.Indicators = byStatus(ind.year("town", town, d.Year))
	}
	d.Headline = newHeadline(ind, d.Year, d.YearLabel)
	d.Trends = seriesOf(ind.scope("town", town), d.Years)
	for _, level := range []struct{ code, name string }{{"school", "学校"}, {"village", "村（社区）"}} {
		v := ViolationCount{Level: level.name}
		for _, i := range ind.rows {
			if i.SchoolYear == d.Year && i.ScopeLevel == level.code {
				switch i.Status {
				case StatusVeto:
					v.Veto++
				case StatusMissed:
					v.Fail++
				}
			}
		}
		d.Violations = append(d.Violations, v)
	}
	if d.Schools, d.Villages, err = countScopes(ctx, db); err != nil {
		return nil, err
	}
	if d.Dropouts, err = loadDropoutProfile(ctx, db, ind); err != nil {
		return nil, err
	}
	if d.Quality, err = loadQualitySummary(ctx, db); err != nil {
		return nil, err
	}
	if d.Loads, err = loadSummary(ctx, db, since); err != nil {
		return nil, err
	}
	return d, nil
}

func loadTermTotals(ctx context.Context, db *sql.DB) ([]TermTotal, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT e.school_year, e.term, CAST(coalesce(sum(e.enrolled), 0) AS BIGINT),
		       CAST(coalesce(any_value(g.graduated), 0) AS BIGINT)
		FROM mart.school_term_enrolment e
		LEFT JOIN mart.term_graduated_early g USING (school_year, term)
		WHERE e.school_year IS NOT NULL AND e.term IS NOT NULL
		GROUP BY e.school_year, e.term
		ORDER BY e.school_year, e.term`)
	if err != nil {
		return nil, fmt.Errorf("query term totals: %w", err)
	}
	defer rows.Close()
	out := []TermTotal{}
	for rows.Next() {
		var y, t int
		var n, early int64
		if err := rows.Scan(&y, &t, &n, &early); err != nil {
			return nil, fmt.Errorf("scan term totals: %w", err)
		}
		out = append(out, TermTotal{Term: NewTerm(y, t), Enrolled: n, GraduatedEarly: early})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read term totals: %w", err)
	}
	return out, nil
}

// countScopes counts the schools and villages that get a page.
func countScopes(ctx context.Context, db *sql.DB) (schools, villages int, err error) {
	err = db.QueryRowContext(ctx, `
		SELECT (SELECT count(DISTINCT school_code) FROM (
		            SELECT school_code FROM mart.school_term_enrolment
		            UNION ALL SELECT scope_code FROM mart.indicators WHERE scope_level = 'school')),
		       (SELECT count(DISTINCT village_code) FROM (
		            SELECT scope_code AS village_code FROM mart.indicators WHERE scope_level = 'village'
		            UNION ALL SELECT village_code FROM mart.unaccounted_children))`).Scan(&schools, &villages)
	if err != nil {
		return 0, 0, fmt.Errorf("count scopes: %w", err)
	}
	return schools, villages, nil
}

func loadQualitySummary(ctx context.Context, db *sql.DB) (QualitySummary, error) {
	q := QualitySummary{Findings: []Count{}}
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(finding, ''), coalesce(actionable, true), count(*)
		FROM mart.data_quality GROUP BY ALL ORDER BY 3 DESC, 1`)
	if err != nil {
		return q, fmt.Errorf("query quality summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Count
		var actionable bool
		if err := rows.Scan(&c.Label, &actionable, &c.N); err != nil {
			return q, fmt.Errorf("scan quality summary: %w", err)
		}
		if !actionable {
			q.Context += c.N
			continue
		}
		q.Findings = append(q.Findings, c)
		q.Total += c.N
	}
	if err := rows.Err(); err != nil {
		return q, fmt.Errorf("read quality summary: %w", err)
	}
	return q, nil
}

// loadSummary counts the files loaded ever, and those skipped as duplicates
// or rejected since the given time (zero: ever): a file skipped again at
// every run is one file to look at, not one per run.
func loadSummary(ctx context.Context, db *sql.DB, since time.Time) (LoadSummary, error) {
	var s LoadSummary
	var latest sql.NullTime
	err := db.QueryRowContext(ctx, `
		SELECT count(*) FILTER (WHERE outcome = 'loaded'),
		       count(*) FILTER (WHERE outcome = 'skipped_duplicate' AND loaded_at >= $1),
		       count(*) FILTER (WHERE outcome = 'rejected' AND loaded_at >= $1),
		       CAST(coalesce(sum(rows_quarantined) FILTER (WHERE outcome = 'loaded'), 0) AS BIGINT),
		       max(loaded_at) FILTER (WHERE outcome = 'loaded')
		FROM audit.loads`, since).Scan(&s.FilesLoaded, &s.FilesSkipped, &s.FilesRejected,
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

// Short names the term the way chart axes and narrow columns do, the
// short form of its Label: 25-26第一学期 for 2025-2026学年第一学期.
func (t Term) Short() string {
	switch t.Term {
	case 1, 2:
		return fmt.Sprintf("%02d-%02d%s", t.SchoolYear%100, (t.SchoolYear+1)%100, strings.TrimPrefix(t.Label, yearLabel(t.SchoolYear)))
	}
	return t.Label
}
