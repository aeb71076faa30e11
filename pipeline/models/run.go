package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sort"
	"time"
)

const testResultsDDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.test_results (
	run_id VARCHAR,
	test VARCHAR,
	severity VARCHAR,
	failures BIGINT,
	sample VARCHAR,
	checked_at TIMESTAMP
);
COMMENT ON TABLE audit.test_results IS '数据测试结果：每次运行每项测试一行；failures 为违反规则的行数，sample 为前几行（JSON）';
COMMENT ON COLUMN audit.test_results.run_id IS '运行编号';
COMMENT ON COLUMN audit.test_results.test IS '数据测试名称（sql/tests 下的文件名）';
COMMENT ON COLUMN audit.test_results.severity IS '级别：error 未通过则不发布，warn 仅提示';
COMMENT ON COLUMN audit.test_results.failures IS '违反规则的行数，0 为通过';
COMMENT ON COLUMN audit.test_results.sample IS '前几行违反规则的数据（JSON）';
COMMENT ON COLUMN audit.test_results.checked_at IS '检查时间（北京时间）';`

// Build creates the macros, then runs every model in order, inside one
// transaction: either the whole build lands or none of it does. Under the
// key of the last build only what the rows loaded since touch is rebuilt
// (incremental.go).
func (p *Project) Build(ctx context.Context, conn *sql.Conn, log *slog.Logger) error {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("begin build: %w", err)
	}
	if err := p.build(ctx, conn, log); err != nil {
		if _, rbErr := conn.ExecContext(ctx, "ROLLBACK"); rbErr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rbErr)
		}
		return err
	}
	start := time.Now()
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("commit build: %w", err)
	}
	log.Debug("commit", "took", time.Since(start))
	return nil
}

func (p *Project) build(ctx context.Context, conn *sql.Conn, log *slog.Logger) error {
	for _, s := range Schemas {
		if _, err := conn.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+s); err != nil {
			return fmt.Errorf("create schema %s: %w", s, err)
		}
	}
	if err := CreateMacros(ctx, conn, p.Macros); err != nil {
		return err
	}
	t0 := time.Now()
	plan, err := p.plan(ctx, conn)
	if err != nil {
		return err
	}
	log.Debug("plan", "took", time.Since(t0))
	for _, m := range p.Models {
		start := time.Now()
		how, why, err := plan.run(ctx, conn, m)
		if err != nil {
			return err
		}
		b := Built{Model: m.Name, Took: time.Since(start), How: how, Why: why}
		if p.Observe != nil {
			p.Observe(b)
		} else {
			log.Debug("model", "name", m.Name, "built", how, "why", why, "took", b.Took)
		}
	}
	if err := plan.record(ctx, conn, p.Key); err != nil {
		return err
	}
	return p.writeTiers(ctx, conn)
}

// Built is one model of a build: how it was built (BuiltWhole,
// BuiltUnchanged, or "years 2025,2026": only those school years' rows)
// and how long that took.
type Built struct {
	Model string
	Took  time.Duration
	How   string
	// Why names, for a whole rebuild in an incremental build, an input
	// that changed in every year (a relation without years).
	Why string
}

const tiersDDL = `
CREATE OR REPLACE TABLE audit.relation_tiers (relation VARCHAR PRIMARY KEY, tier VARCHAR NOT NULL);
COMMENT ON TABLE audit.relation_tiers IS '各表的隐私级别：public 仅含汇总与代码，可公开；restricted 含姓名、身份证号、出生日期、电话或原始单元格，仅限授权人员（由各模型 SQL 文件头的 -- tier: 声明）';
COMMENT ON COLUMN audit.relation_tiers.relation IS '表或视图（schema.name）';
COMMENT ON COLUMN audit.relation_tiers.tier IS '隐私级别：public 或 restricted';`

// writeTiers records the declared tiers in audit.relation_tiers.
func (p *Project) writeTiers(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, tiersDDL); err != nil {
		return fmt.Errorf("create audit.relation_tiers: %w", err)
	}
	names := make([]string, 0, len(p.Tiers))
	for n := range p.Tiers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, err := conn.ExecContext(ctx, `INSERT INTO audit.relation_tiers VALUES (?, ?)`, n, string(p.Tiers[n])); err != nil {
			return fmt.Errorf("record the tier of %s: %w", n, err)
		}
	}
	return nil
}

// Execer runs statements: a *sql.DB, *sql.Conn or *sql.Tx.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// CreateMacros creates (or replaces) the macros, in order.
func CreateMacros(ctx context.Context, db Execer, macros []*Macro) error {
	for _, m := range macros {
		if _, err := db.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("macro %s (sql/%s): %w", m.Name, m.Path, err)
		}
	}
	return nil
}

// TestResult is the outcome of one data test in one run.
type TestResult struct {
	Test     string
	Severity string
	Failures int64
	Sample   string // the first failing rows, as JSON
}

// Failed reports whether the result must stop publishing.
func (r TestResult) Failed() bool { return r.Failures > 0 && r.Severity == "error" }

// RunTests runs every data test and keeps each result in
// audit.test_results under runID. A test that cannot run is an error.
func (p *Project) RunTests(ctx context.Context, conn *sql.Conn, runID string, now time.Time) ([]TestResult, error) {
	if _, err := conn.ExecContext(ctx, testResultsDDL); err != nil {
		return nil, fmt.Errorf("create audit.test_results: %w", err)
	}
	var out []TestResult
	for _, t := range p.Tests {
		r, err := runTest(ctx, conn, t)
		if err != nil {
			return nil, err
		}
		_, err = conn.ExecContext(ctx, `INSERT INTO audit.test_results VALUES (?,?,?,?,?,?)`,
			runID, r.Test, r.Severity, r.Failures, r.Sample, now.UTC())
		if err != nil {
			return nil, fmt.Errorf("record test %s: %w", t.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func runTest(ctx context.Context, conn *sql.Conn, t *Test) (TestResult, error) {
	r := TestResult{Test: t.Name, Severity: t.Severity}
	body := trimStatement(t.SQL)
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM ("+body+")").Scan(&r.Failures); err != nil {
		return r, fmt.Errorf("data test %s (sql/%s): %w", t.Name, t.Path, err)
	}
	if r.Failures == 0 {
		return r, nil
	}
	var sample sql.NullString
	q := "SELECT to_json(list(t))::VARCHAR FROM (SELECT * FROM (" + body + ") LIMIT 5) t"
	if err := conn.QueryRowContext(ctx, q).Scan(&sample); err != nil {
		return r, fmt.Errorf("sample of data test %s: %w", t.Name, err)
	}
	r.Sample = sample.String
	if !json.Valid([]byte(r.Sample)) {
		r.Sample = ""
	}
	return r, nil
}
