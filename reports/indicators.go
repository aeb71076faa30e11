package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Indicator is one row of mart.indicators: a figure of one school year and
// scope against its line. Numerator, Denominator and Value are nil when the
// status is 无数据.
type Indicator struct {
	SchoolYear  int      `json:"school_year"`
	ScopeLevel  string   `json:"scope_level"`
	ScopeCode   string   `json:"scope_code"`
	ScopeName   string   `json:"scope_name"`
	Code        string   `json:"indicator"`
	Name        string   `json:"name"`
	Numerator   *int64   `json:"numerator"`
	Denominator *int64   `json:"denominator"`
	Value       *float64 `json:"value"`
	Target      float64  `json:"target"`
	Veto        *float64 `json:"veto_line"`
	Status      Status   `json:"status"`
	// Shown is the value as the pages print it (97.7%, 有, —).
	Shown string `json:"shown"`
	// Line is the line as the pages print it (≥ 99.5%).
	Line string        `json:"line"`
	info indicatorInfo // its mart.indicator_catalog row
}

// Class is the CSS class of the indicator's status.
func (i Indicator) Class() string { return i.Status.class() }

// Fraction prints numerator/denominator, or empty when 无数据.
func (i Indicator) Fraction() string {
	if i.Numerator == nil || i.Denominator == nil {
		return ""
	}
	return fmt.Sprintf("%d/%d", *i.Numerator, *i.Denominator)
}

// YearLabel is the indicator's school year, e.g. 2025-2026学年.
func (i Indicator) YearLabel() string { return yearLabel(i.SchoolYear) }

func shownValue(info indicatorInfo, v *float64) string {
	if v == nil {
		return "—"
	}
	if info.flag {
		if *v >= 1 {
			return "有"
		}
		return "无"
	}
	return pct(v)
}

// indicatorSet is every row of mart.indicators, read once per build.
type indicatorSet struct {
	rows    []Indicator
	byScope map[string][]Indicator // scope_level + "/" + scope_code
	years   []int
	catalog catalog
}

// loadIndicators reads mart.indicators ordered by year, scope and the
// catalogue order of the indicators.
func loadIndicators(ctx context.Context, db *sql.DB) (*indicatorSet, error) {
	cat, err := loadCatalog(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, scope_level, scope_code, coalesce(scope_name, ''), indicator,
		       numerator, denominator, value, coalesce(target, 0), veto_line, coalesce(status, '无数据')
		FROM mart.indicators
		WHERE school_year IS NOT NULL
		ORDER BY school_year, scope_level, scope_code, indicator`)
	if err != nil {
		return nil, fmt.Errorf("query indicators: %w", err)
	}
	defer rows.Close()
	set := &indicatorSet{byScope: map[string][]Indicator{}, catalog: cat}
	seen := map[int]bool{}
	for rows.Next() {
		var i Indicator
		var n, d sql.NullInt64
		var v, veto sql.NullFloat64
		if err := rows.Scan(&i.SchoolYear, &i.ScopeLevel, &i.ScopeCode, &i.ScopeName, &i.Code,
			&n, &d, &v, &i.Target, &veto, &i.Status); err != nil {
			return nil, fmt.Errorf("scan indicators: %w", err)
		}
		if n.Valid && d.Valid {
			i.Numerator, i.Denominator = &n.Int64, &d.Int64
		}
		if v.Valid {
			i.Value = &v.Float64
		}
		if veto.Valid {
			i.Veto = &veto.Float64
		}
		i.info = cat.of(i.Code)
		i.Name = i.info.name
		i.Shown = shownValue(i.info, i.Value)
		i.Line = lineText(i.info, i.Target, i.Veto)
		set.rows = append(set.rows, i)
		if !seen[i.SchoolYear] {
			seen[i.SchoolYear] = true
			set.years = append(set.years, i.SchoolYear)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	sort.SliceStable(set.rows, func(a, b int) bool {
		x, y := set.rows[a], set.rows[b]
		if x.SchoolYear != y.SchoolYear {
			return x.SchoolYear < y.SchoolYear
		}
		if x.ScopeLevel != y.ScopeLevel || x.ScopeCode != y.ScopeCode {
			return x.ScopeLevel+x.ScopeCode < y.ScopeLevel+y.ScopeCode
		}
		return x.info.order < y.info.order
	})
	for _, i := range set.rows {
		k := i.ScopeLevel + "/" + i.ScopeCode
		set.byScope[k] = append(set.byScope[k], i)
	}
	sort.Ints(set.years)
	return set, nil
}

// scope returns the rows of one scope, all years, oldest first.
func (s *indicatorSet) scope(level, code string) []Indicator {
	out := s.byScope[level+"/"+code]
	if out == nil {
		return []Indicator{}
	}
	return out
}

// year returns the rows of one scope and year.
func (s *indicatorSet) year(level, code string, y int) []Indicator {
	out := []Indicator{}
	for _, i := range s.scope(level, code) {
		if i.SchoolYear == y {
			out = append(out, i)
		}
	}
	return out
}

// townCode is the code of the town scope ("" when there is none).
func (s *indicatorSet) townCode() string {
	for _, i := range s.rows {
		if i.ScopeLevel == "town" {
			return i.ScopeCode
		}
	}
	return ""
}

// byStatus orders indicators 一票否决 first, then 未达标, 无数据, 达标, keeping
// the catalogue order within each status.
func byStatus(in []Indicator) []Indicator {
	out := append([]Indicator(nil), in...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Status.rank() < out[b].Status.rank() })
	return out
}

// IndicatorSeries is one indicator over several years.
type IndicatorSeries struct {
	Code   string      `json:"indicator"`
	Name   string      `json:"name"`
	Line   string      `json:"line"`
	Values []Indicator `json:"values"` // one per year of the page's Years; Status 无数据 when absent
	info   indicatorInfo
}

// seriesOf arranges a scope's rows into one series per indicator over
// years; a missing row is a 无数据 placeholder.
func seriesOf(rows []Indicator, years []int) []IndicatorSeries {
	idx := map[string]int{}
	var out []IndicatorSeries
	for _, r := range rows {
		k, ok := idx[r.Code]
		if !ok {
			k = len(out)
			idx[r.Code] = k
			s := IndicatorSeries{Code: r.Code, Name: r.Name, Line: r.Line, Values: make([]Indicator, len(years)), info: r.info}
			for j, y := range years {
				s.Values[j] = Indicator{SchoolYear: y, Code: r.Code, Name: r.Name, Status: StatusNoData, Shown: "—",
					Target: r.Target, Veto: r.Veto, Line: r.Line, info: r.info}
			}
			out = append(out, s)
		}
		out[k].Line = r.Line // the latest line in force
		for j, y := range years {
			if y == r.SchoolYear {
				out[k].Values[j] = r
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].info.order < out[b].info.order })
	if out == nil {
		return []IndicatorSeries{}
	}
	return out
}

// Short is the indicator's short name, for chart legends and columns.
func (s IndicatorSeries) Short() string { return s.info.short }
