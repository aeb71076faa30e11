package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// BulletinRow is one line of the 学期通报 (mart.school_term_bulletin): one
// school at one level (学前, 小学, 初中), so a 九年一贯制 school has a 小学 and
// an 初中 line, each with its own rate and veto. Nil fields are not known
// for the term (no roster of the school, no previous roster, term 1 for
// the year-to-date dropout figures, 学前 for the dropout register).
type BulletinRow struct {
	Term       Term   `json:"term"`
	SchoolCode string `json:"school_code"`
	SchoolName string `json:"school_name"`
	Level      string `json:"level"`
	// Received is false for a school that sent no roster of the term.
	Received bool   `json:"roster_received"`
	Enrolled *int64 `json:"enrolled"`
	// Left is 本学期流失, Returned 本学期复学.
	Left     *int64 `json:"left_this_term"`
	Returned *int64 `json:"returned_this_term"`
	// DropoutsYTD, DropoutRate and DropoutStatus are the level's dropout
	// indicator for the school (term 2); the status is empty in term 1.
	DropoutsYTD   *int64   `json:"dropouts_ytd"`
	DropoutRate   *float64 `json:"dropout_rate_ytd"`
	DropoutStatus string   `json:"dropout_status"`
	// Registered dropouts of the year so far, and of them returned.
	Registered         *int64 `json:"registered_dropouts"`
	ReturnedRegistered *int64 `json:"returned_registered"`
	NoDropoutClasses   *int64 `json:"no_dropout_classes"`
}

// StatusClass is the CSS class of the row's dropout status (veto is red).
func (r BulletinRow) StatusClass() string { return Status(r.DropoutStatus).class() }

// VetoLabel names the line in the town's list of vetoed schools:
// 石桥九年一贯制学校（小学 1.1%）.
func (r BulletinRow) VetoLabel() string {
	return r.SchoolName + "（" + r.Level + " " + pct(r.DropoutRate) + "）"
}

// Vetoed reports whether the row's dropout rate is over the veto line.
func (r BulletinRow) Vetoed() bool { return Status(r.DropoutStatus) == StatusVeto }

// Rate prints the year-to-date dropout rate.
func (r BulletinRow) Rate() string { return pct(r.DropoutRate) }

// Bulletin is the 学期通报 of one term: every school's line, the town's
// sums and, in term 2, the town's dropout rates of the year.
type Bulletin struct {
	Term Term `json:"term"`
	// Slug names the page and workbook: bulletin-<year>-<term>.
	Slug  string        `json:"slug"`
	Rows  []BulletinRow `json:"rows"`
	Total BulletinTotal `json:"total"`
	// Dropout holds the town's primary_dropout and junior_dropout of the
	// year (term 2 only; empty in term 1).
	Dropout []Indicator `json:"dropout"`
	// NoDropout lists the schools with 无辍学班级 (term 2).
	NoDropout []BulletinRow `json:"no_dropout"`
	// Vetoed lists the school levels whose dropout rate is 一票否决 (term 2).
	Vetoed []BulletinRow `json:"vetoed"`
	// Missing names the schools that sent no roster of the term.
	Missing []string `json:"missing"`
}

// BulletinTotal sums the bulletin's columns over the schools' lines; a sum
// is nil when no line has the figure. Schools counts the schools that sent
// their roster.
type BulletinTotal struct {
	Schools            int    `json:"schools"`
	Enrolled           int64  `json:"enrolled"`
	Left               *int64 `json:"left_this_term"`
	Returned           *int64 `json:"returned_this_term"`
	DropoutsYTD        *int64 `json:"dropouts_ytd"`
	Registered         int64  `json:"registered_dropouts"`
	ReturnedRegistered int64  `json:"returned_registered"`
	NoDropoutClasses   *int64 `json:"no_dropout_classes"`
}

func addOpt(sum **int64, v *int64) {
	if v == nil {
		return
	}
	if *sum == nil {
		*sum = new(int64)
	}
	**sum += *v
}

// loadBulletinRows reads mart.school_term_bulletin, oldest term first, then
// by school code and level (学前, 小学, 初中).
func loadBulletinRows(ctx context.Context, db *sql.DB) ([]BulletinRow, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, term, coalesce(school_code, ''), coalesce(school_name, ''), coalesce(level, ''),
		       coalesce(roster_received, false), enrolled, left_this_term, returned_this_term,
		       dropouts_ytd, dropout_rate_ytd, coalesce(dropout_status, ''),
		       registered_dropouts, returned_registered, no_dropout_classes
		FROM mart.school_term_bulletin
		WHERE school_year IS NOT NULL AND term IS NOT NULL
		ORDER BY school_year, term, school_code, list_position(['学前', '小学', '初中'], level)`)
	if err != nil {
		return nil, fmt.Errorf("query bulletin: %w", err)
	}
	defer rows.Close()
	out := []BulletinRow{}
	for rows.Next() {
		var r BulletinRow
		var y, t int
		var enrolled, left, ret, ytd, reg, back, classes sql.NullInt64
		var rate sql.NullFloat64
		if err := rows.Scan(&y, &t, &r.SchoolCode, &r.SchoolName, &r.Level, &r.Received, &enrolled, &left, &ret,
			&ytd, &rate, &r.DropoutStatus, &reg, &back, &classes); err != nil {
			return nil, fmt.Errorf("scan bulletin: %w", err)
		}
		r.Term = NewTerm(y, t)
		r.Enrolled, r.Left, r.Returned = optInt(enrolled), optInt(left), optInt(ret)
		r.DropoutsYTD, r.NoDropoutClasses = optInt(ytd), optInt(classes)
		r.Registered, r.ReturnedRegistered = optInt(reg), optInt(back)
		r.DropoutRate = optFloat(rate)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read bulletin: %w", err)
	}
	return out, nil
}

func optInt(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func optFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

// buildBulletins groups the rows into one bulletin per term, oldest first.
func buildBulletins(rows []BulletinRow, ind *indicatorSet) []Bulletin {
	out := []Bulletin{}
	town := ind.townCode()
	for _, r := range rows {
		n := len(out)
		if n == 0 || out[n-1].Term != r.Term {
			b := Bulletin{Term: r.Term, Slug: termSlug("bulletin", r.Term), Rows: []BulletinRow{},
				Dropout: []Indicator{}, NoDropout: []BulletinRow{}, Vetoed: []BulletinRow{}, Missing: []string{}}
			if r.Term.Term == 2 {
				for _, i := range ind.year("town", town, r.Term.SchoolYear) {
					if i.info.dropout() {
						b.Dropout = append(b.Dropout, i)
					}
				}
			}
			out = append(out, b)
			n++
		}
		out[n-1].add(r)
	}
	return out
}

// add puts one line into the bulletin: its sums, the schools that sent
// nothing, the vetoed levels and the schools with 无辍学班级.
func (b *Bulletin) add(r BulletinRow) {
	b.Rows = append(b.Rows, r)
	t := &b.Total
	newSchool := len(b.Rows) == 1 || b.Rows[len(b.Rows)-2].SchoolCode != r.SchoolCode
	if newSchool && r.Received {
		t.Schools++
	}
	if newSchool && !r.Received {
		b.Missing = append(b.Missing, r.SchoolName)
	}
	if r.Enrolled != nil {
		t.Enrolled += *r.Enrolled
	}
	addOpt(&t.Left, r.Left)
	addOpt(&t.Returned, r.Returned)
	addOpt(&t.DropoutsYTD, r.DropoutsYTD)
	if r.Registered != nil {
		t.Registered += *r.Registered
	}
	if r.ReturnedRegistered != nil {
		t.ReturnedRegistered += *r.ReturnedRegistered
	}
	addOpt(&t.NoDropoutClasses, r.NoDropoutClasses)
	if r.NoDropoutClasses != nil && *r.NoDropoutClasses > 0 {
		b.NoDropout = append(b.NoDropout, r)
	}
	if r.Vetoed() {
		b.Vetoed = append(b.Vetoed, r)
	}
}

// LoadBulletins reads the 学期通报 of every term. It only reads.
func LoadBulletins(ctx context.Context, db *sql.DB) ([]Bulletin, error) {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := loadBulletinRows(ctx, db)
	if err != nil {
		return nil, err
	}
	return buildBulletins(rows, ind), nil
}

// termSlug names a term's page: prefix-2025-1.
func termSlug(prefix string, t Term) string {
	return fmt.Sprintf("%s-%d-%d", prefix, t.SchoolYear, t.Term)
}
