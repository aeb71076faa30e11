package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// WarningSummary is the public page of the early warning: counts of pupils
// by school and tier in the latest term, and the backtest by school year
// (mart.early_warning_backtest). Aggregates only.
type WarningSummary struct {
	// Term is nil when the warehouse has no early warning.
	Term     *Term           `json:"term"`
	Schools  []WarningCounts `json:"schools"`
	Total    WarningCounts   `json:"total"`
	Backtest []BacktestYear  `json:"backtest"`
	// Rules are the weights and cut-offs in force, as the backtest echoes them.
	Rules string `json:"rules"`
}

// WarningCounts are one school's pupils by tier; NoAttendance counts those
// whose absence is unknown (the school sent no attendance for the term).
type WarningCounts struct {
	Code         string `json:"school_code"`
	Name         string `json:"school_name"`
	High         int64  `json:"high"`
	Medium       int64  `json:"medium"`
	Low          int64  `json:"low"`
	NoAttendance int64  `json:"no_attendance"`
}

// BacktestYear is one school year's backtest.
type BacktestYear struct {
	SchoolYear        int      `json:"school_year"`
	YearLabel         string   `json:"year_label"`
	Dropouts          int64    `json:"dropouts"`
	DropoutsFlagged   int64    `json:"dropouts_flagged"`
	Recall            *float64 `json:"recall"`
	Flagged           int64    `json:"flagged"`
	FlaggedDroppedOut int64    `json:"flagged_dropped_out"`
	Precision         *float64 `json:"precision"`
}

// RecallText is the recall as a percent, or 无数据.
func (b BacktestYear) RecallText() string { return fractionText(b.Recall) }

// PrecisionText is the precision as a percent, or 无数据.
func (b BacktestYear) PrecisionText() string { return fractionText(b.Precision) }

func fractionText(f *float64) string {
	if f == nil {
		return "无数据"
	}
	v := 100 * *f
	return pct(&v)
}

// LoadWarningSummary reads the counts and the backtest. It only reads.
func LoadWarningSummary(ctx context.Context, db *sql.DB) (*WarningSummary, error) {
	s := &WarningSummary{Schools: []WarningCounts{}, Backtest: []BacktestYear{}}
	term, err := latestWarningTerm(ctx, db)
	if err != nil {
		return nil, err
	}
	if term != nil {
		s.Term = term
		if err := s.loadCounts(ctx, db); err != nil {
			return nil, err
		}
	}
	return s, s.loadBacktest(ctx, db)
}

func (s *WarningSummary) loadCounts(ctx context.Context, db *sql.DB) error {
	names, err := schoolNames(ctx, db)
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, count(*) FILTER (WHERE tier = '高'), count(*) FILTER (WHERE tier = '中'),
		       count(*) FILTER (WHERE tier = '低'), count(*) FILTER (WHERE NOT attendance_reported)
		FROM mart.early_warning WHERE school_year = ? AND term = ?
		GROUP BY school_code ORDER BY school_code`, s.Term.SchoolYear, s.Term.Term)
	if err != nil {
		return fmt.Errorf("query early-warning counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c WarningCounts
		if err := rows.Scan(&c.Code, &c.High, &c.Medium, &c.Low, &c.NoAttendance); err != nil {
			return fmt.Errorf("scan early-warning counts: %w", err)
		}
		c.Name = names[c.Code]
		s.Schools = append(s.Schools, c)
		s.Total.High += c.High
		s.Total.Medium += c.Medium
		s.Total.Low += c.Low
		s.Total.NoAttendance += c.NoAttendance
	}
	return rows.Err()
}

func (s *WarningSummary) loadBacktest(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, dropouts, dropouts_flagged, recall, flagged, flagged_dropped_out, precision,
		       coalesce(rules, '')
		FROM mart.early_warning_backtest ORDER BY school_year`)
	if err != nil {
		return fmt.Errorf("query backtest: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b BacktestYear
		var recall, precision sql.NullFloat64
		if err := rows.Scan(&b.SchoolYear, &b.Dropouts, &b.DropoutsFlagged, &recall, &b.Flagged,
			&b.FlaggedDroppedOut, &precision, &s.Rules); err != nil {
			return fmt.Errorf("scan backtest: %w", err)
		}
		s.Rules = rulesInWords(s.Rules)
		b.YearLabel = yearLabel(b.SchoolYear)
		if recall.Valid {
			b.Recall = &recall.Float64
		}
		if precision.Valid {
			b.Precision = &precision.Float64
		}
		s.Backtest = append(s.Backtest, b)
	}
	return rows.Err()
}

// signalWords names the early-warning signals of mart.early_warning_backtest's
// rules text in Chinese, for the public page.
var signalWords = strings.NewReplacer(
	"chronic_absence=", "长期缺勤 ", "absence_rising=", "缺勤上升 ", "returned_dropout=", "曾辍学返校 ",
	"over_age=", "超龄 ", "repeated_grade=", "留级 ", "left_behind=", "留守 ",
	"poor_household=", "建档立卡贫困户 ", "disabled=", "残疾 ", "moved_school=", "转学 ")

// rulesInWords turns "chronic_absence=3, absence_rising=2; 高≥5, 中≥3" into
// "长期缺勤 3 分, 缺勤上升 2 分; 高≥5, 中≥3": each signal by its Chinese name
// and weight.
func rulesInWords(rules string) string {
	weights, rest, _ := strings.Cut(rules, ";")
	parts := strings.Split(weights, ",")
	for i, p := range parts {
		if strings.Contains(p, "=") {
			parts[i] = signalWords.Replace(strings.TrimSpace(p)) + " 分"
		}
	}
	out := strings.Join(parts, "，")
	if rest != "" {
		out += "；" + strings.TrimSpace(rest)
	}
	return out
}
