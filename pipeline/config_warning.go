package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
)

// EarlyWarning holds the weights and cut-offs of the early-warning score
// (docs/indicators.md, "Early warning"). The contract's values are the
// defaults; an office tunes them against its own backtest
// (mart.early_warning_backtest), which echoes the rules in force.
type EarlyWarning struct {
	// Weights gives each signal's points; a signal that holds adds them.
	Weights map[string]int `toml:"weights" comment:"各苗头信号的分值"`
	// High and Medium are the score cut-offs of the tiers 高 and 中.
	High   int `toml:"high" comment:"总分达到此值为「高」"`
	Medium int `toml:"medium" comment:"总分达到此值（且低于「高」）为「中」"`
	// ChronicAbsence is the share of required days missed without leave,
	// over the term so far, that flags chronic_absence.
	ChronicAbsence float64 `toml:"chronic_absence_share" comment:"本学期累计无故缺勤占应出勤天数的比例达到此值即为长期缺勤（0.10 即 10%）"`
	// RisingAbsence is the share in the latest reported month that flags
	// absence_rising.
	RisingAbsence float64 `toml:"rising_absence_share" comment:"最近一个月无故缺勤比例达到此值即为缺勤上升（0.20 即 20%）"`
	// OverAgeYears is how many years above the normal age of the grade
	// (grade + 5 on 31 August) flag over_age.
	OverAgeYears int `toml:"over_age_years" comment:"比本年级正常年龄大几岁及以上为超龄"`
}

// WarningSignals are the early-warning signals, in the contract's order.
var WarningSignals = []string{"chronic_absence", "absence_rising", "returned_dropout", "over_age",
	"repeated_grade", "left_behind", "poor_household", "disabled", "moved_school"}

// DefaultEarlyWarning returns the contract's weights and cut-offs.
func DefaultEarlyWarning() EarlyWarning {
	return EarlyWarning{
		Weights: map[string]int{"chronic_absence": 3, "absence_rising": 2, "returned_dropout": 3,
			"over_age": 2, "repeated_grade": 2, "left_behind": 1, "poor_household": 1, "disabled": 1,
			"moved_school": 1},
		High: 5, Medium: 3, ChronicAbsence: 0.10, RisingAbsence: 0.20, OverAgeYears: 2,
	}
}

// Validate checks the rules: every weight names a known signal and is not
// negative, 0 < medium ≤ high, shares lie in (0, 1], over-age at least 1.
func (e EarlyWarning) Validate() error {
	for name, w := range e.Weights {
		if !slices.Contains(WarningSignals, name) {
			return fmt.Errorf("辍学苗头权重中有不认识的信号「%s」：应为 %v 之一 / unknown early-warning signal", name, WarningSignals)
		}
		if w < 0 {
			return fmt.Errorf("辍学苗头信号「%s」的权重 %d 为负数：请填不小于 0 的整数 / negative weight", name, w)
		}
	}
	if e.Medium < 1 || e.High < e.Medium {
		return fmt.Errorf("辍学苗头分级线应满足 0 < 中（%d）≤ 高（%d）/ early-warning cut-offs out of order", e.Medium, e.High)
	}
	for _, s := range []float64{e.ChronicAbsence, e.RisingAbsence} {
		if s <= 0 || s > 1 {
			return fmt.Errorf("缺勤比例 %v 应在 0 到 1 之间（0.10 即 10%%）/ absence share out of range", s)
		}
	}
	if e.OverAgeYears < 1 {
		return fmt.Errorf("超龄年数 %d 应不小于 1 / over-age years must be at least 1", e.OverAgeYears)
	}
	return nil
}

const warningDDL = `
CREATE OR REPLACE TABLE config.early_warning_weights (signal VARCHAR PRIMARY KEY, weight INTEGER);
CREATE OR REPLACE TABLE config.early_warning (high INTEGER, medium INTEGER,
	chronic_absence_share DECIMAL(9,4), rising_absence_share DECIMAL(9,4), over_age_years INTEGER);
COMMENT ON TABLE config.early_warning_weights IS '辍学苗头各信号的分值（来自配置）';
COMMENT ON TABLE config.early_warning IS '辍学苗头分级线与缺勤、超龄判定线（来自配置）';
COMMENT ON COLUMN config.early_warning_weights.signal IS '信号代码';
COMMENT ON COLUMN config.early_warning_weights.weight IS '分值';
COMMENT ON COLUMN config.early_warning.high IS '“高”级的最低分';
COMMENT ON COLUMN config.early_warning.medium IS '“中”级的最低分';
COMMENT ON COLUMN config.early_warning.chronic_absence_share IS '长期缺勤线：本学期无故缺勤天数占应出勤天数的比例';
COMMENT ON COLUMN config.early_warning.rising_absence_share IS '缺勤上升线：最近一个月无故缺勤的比例';
COMMENT ON COLUMN config.early_warning.over_age_years IS '超龄判定：比正常年龄大的年数';`

// writeWarningSettings stores the early-warning rules in force; a signal
// the config leaves out weighs 0.
func writeWarningSettings(ctx context.Context, conn *sql.Conn, e EarlyWarning) error {
	if _, err := conn.ExecContext(ctx, warningDDL); err != nil {
		return fmt.Errorf("create early-warning settings: %w", err)
	}
	names := slices.Clone(WarningSignals)
	sort.Strings(names)
	for _, name := range names {
		if _, err := conn.ExecContext(ctx, `INSERT INTO config.early_warning_weights VALUES (?, ?)`, name, e.Weights[name]); err != nil {
			return fmt.Errorf("store weight %s: %w", name, err)
		}
	}
	_, err := conn.ExecContext(ctx, `INSERT INTO config.early_warning VALUES (?, ?, ?, ?, ?)`,
		e.High, e.Medium, e.ChronicAbsence, e.RisingAbsence, e.OverAgeYears)
	if err != nil {
		return fmt.Errorf("store early-warning cut-offs: %w", err)
	}
	return nil
}
