package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Scope names where a figure applies: the town, a village or a school.
type Scope struct {
	Level string // town, village or school
	Code  string // empty: the town's code
}

// Explanation is one published figure with everything behind it.
type Explanation struct {
	Indicator, Name, Direction, Unit string
	NumeratorDef, DenominatorDef     string
	Year                             int
	Scope                            Scope
	ScopeName                        string
	Numerator, Denominator           *int64   // as published, nil when 无数据
	Value, Target, Veto              *float64 // as published
	Status                           string
	// Counted are the numerator and denominator counted again from the
	// children listed; they equal the published ones (a data test and
	// dropwatch's tests check it).
	CountedNumerator, CountedDenominator int64
	Children                             []Child
	Provision                            *bool // village_kindergarten: whether the village has one
}

// Child is one child behind a figure.
type Child struct {
	Key                        string // identity number, or 类型:号码
	Name, Gender               string
	BirthDate                  *time.Time
	InNumerator, InDenominator bool
}

// ErrNoFigure is returned when mart.indicators has no such row.
var ErrNoFigure = errors.New("no such figure")

// Explain reads one figure of mart.indicators and the children of
// mart.indicator_children behind it. The scope code defaults to the town.
func Explain(ctx context.Context, db *sql.DB, indicator string, year int, sc Scope) (*Explanation, error) {
	if sc.Level == "" {
		sc.Level = "town"
	}
	if sc.Code == "" && sc.Level == "town" {
		if err := db.QueryRowContext(ctx, `SELECT any_value(code) FROM config.town`).Scan(&sc.Code); err != nil {
			return nil, fmt.Errorf("read the town code: %w", err)
		}
	}
	e := &Explanation{Indicator: indicator, Year: year, Scope: sc}
	err := db.QueryRowContext(ctx, `
		SELECT c.name, c.direction, c.unit, c.numerator_def, c.denominator_def,
		       i.scope_name, i.numerator, i.denominator, i.value, i.target, i.veto_line, i.status
		FROM mart.indicators i JOIN mart.indicator_catalog c USING (indicator)
		WHERE i.indicator = ? AND i.school_year = ? AND i.scope_level = ? AND i.scope_code = ?`,
		indicator, year, sc.Level, sc.Code).Scan(&e.Name, &e.Direction, &e.Unit, &e.NumeratorDef, &e.DenominatorDef,
		&e.ScopeName, &e.Numerator, &e.Denominator, &e.Value, &e.Target, &e.Veto, &e.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: 已发布的指标中没有 %s（%d 学年，%s %s）：用 dropwatch sql -c \"SELECT DISTINCT indicator, school_year, scope_level FROM mart.indicators\" 查看 / no published figure %s for %d at %s %s",
			ErrNoFigure, indicator, year, sc.Level, sc.Code, indicator, year, sc.Level, sc.Code)
	}
	if err != nil {
		return nil, fmt.Errorf("read the figure: %w", err)
	}
	if indicator == "village_kindergarten" {
		return e, e.readProvision(ctx, db)
	}
	return e, e.readChildren(ctx, db)
}

// readChildren lists the children behind the figure with their particulars
// as the child's archive (mart.children) records them: the year's, else the
// next year's (a pupil counted by next year's roster).
func (e *Explanation) readChildren(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		WITH who AS (
		    SELECT child_key, arg_min(name, school_year) AS name, arg_min(gender, school_year) AS gender,
		           arg_min(birth_date, school_year) AS birth_date
		    FROM mart.children WHERE school_year BETWEEN $1 AND $1 + 1
		    GROUP BY child_key)
		SELECT c.child_key, coalesce(w.name, ''), coalesce(w.gender, ''), w.birth_date, c.in_numerator, c.in_denominator
		FROM mart.indicator_children c LEFT JOIN who w USING (child_key)
		WHERE c.school_year = $1 AND c.scope_level = $2 AND c.scope_code = $3 AND c.indicator = $4
		ORDER BY c.in_denominator DESC, c.in_numerator, c.child_key`,
		e.Year, e.Scope.Level, e.Scope.Code, e.Indicator)
	if err != nil {
		return fmt.Errorf("read the children: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Child
		if err := rows.Scan(&c.Key, &c.Name, &c.Gender, &c.BirthDate, &c.InNumerator, &c.InDenominator); err != nil {
			return fmt.Errorf("read the children: %w", err)
		}
		if c.InNumerator {
			e.CountedNumerator++
		}
		if c.InDenominator {
			e.CountedDenominator++
		}
		e.Children = append(e.Children, c)
	}
	return rows.Err()
}

func (e *Explanation) readProvision(ctx context.Context, db *sql.DB) error {
	var has bool
	err := db.QueryRowContext(ctx, `SELECT has_kindergarten FROM core.village_provision WHERE school_year = ? AND village_code = ?`,
		e.Year, e.Scope.Code).Scan(&has)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the village's provision: %w", err)
	}
	e.Provision = &has
	e.CountedDenominator = 1
	if has {
		e.CountedNumerator = 1
	}
	return nil
}

// Agrees reports whether the children counted give the published figure.
func (e *Explanation) Agrees() bool {
	if e.Numerator == nil || e.Denominator == nil {
		// 无数据: mart.indicators publishes both counts or neither.
		return e.Numerator == nil && e.Denominator == nil
	}
	return *e.Numerator == e.CountedNumerator && *e.Denominator == e.CountedDenominator
}
