package models

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// A build is incremental when the warehouse was last built under the same
// key (the same SQL, settings and program; Project.Key) and the raw layer
// has only grown since: raw is append-only, so the rows loaded since are
// those with a load id above the one recorded at the last build, and the
// school years they hold are what changed. Each model is then
//
//   - kept as it is when nothing it reads changed ("unchanged");
//   - rebuilt for the affected years when it has a Scope and everything it
//     reads changed in known years ("years 2025,2026");
//   - rebuilt whole otherwise ("whole"), which changes every year for the
//     models that read it.
//
// A build under another key, or with Project.Whole set, rebuilds every
// model whole. Both leave the same tables: the tests build a warehouse
// both ways and compare every mart.
const stateDDL = `
CREATE OR REPLACE TABLE audit.build_state (key VARCHAR, max_load_id BIGINT);
COMMENT ON TABLE audit.build_state IS '上次建模的依据：下次运行只重建新装载文件涉及的学年（模型、设置与程序相同时）';
COMMENT ON COLUMN audit.build_state.key IS '模型 SQL、设置与程序的指纹；不同则下次全部重建';
COMMENT ON COLUMN audit.build_state.max_load_id IS '上次建模时已装载的最大装载编号：编号更大的行是之后新装载的';`

// How a model was built.
const (
	BuiltWhole     = "whole"
	BuiltUnchanged = "unchanged"
	builtYears     = "years "
)

// planner decides, model by model, what an incremental build rebuilds.
type planner struct {
	whole   bool
	maxLoad int64              // the largest load id now: recorded for the next build
	changed map[string]yearSet // relation -> the years whose rows changed
}

// plan reads the last build's state and the rows loaded since.
func (p *Project) plan(ctx context.Context, conn *sql.Conn) (*planner, error) {
	pl := &planner{whole: true, changed: map[string]yearSet{}}
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(load_id), 0) FROM raw.load_log`).Scan(&pl.maxLoad); err != nil {
		return nil, fmt.Errorf("read the latest load: %w", err)
	}
	if p.Whole || p.Key == "" {
		return pl, nil
	}
	var key string
	var prev int64
	err := conn.QueryRowContext(ctx, `SELECT key, max_load_id FROM audit.build_state`).Scan(&key, &prev)
	if err != nil || key != p.Key {
		return pl, nil // never built, built by another version, or other settings: whole
	}
	pl.whole = false
	for _, m := range p.Models {
		for _, s := range m.Sources {
			if _, done := pl.changed[s]; done {
				continue
			}
			ys, err := sourceChange(ctx, conn, s, prev)
			if err != nil {
				return nil, err
			}
			pl.changed[s] = ys
		}
	}
	return pl, nil
}

// sourceChange returns the school years of the rows of a raw relation
// loaded after load prev. Settings cannot change under the same key.
func sourceChange(ctx context.Context, conn *sql.Conn, rel string, prev int64) (yearSet, error) {
	schema, name, _ := strings.Cut(rel, ".")
	if schema != "raw" {
		return yearSet{}, nil
	}
	idCol := "_load_id"
	if name == "load_log" || name == "cell_errors" {
		idCol = "load_id"
	}
	var hasYear bool
	err := conn.QueryRowContext(ctx, `SELECT count(*) > 0 FROM information_schema.columns
		WHERE table_schema = 'raw' AND table_name = ? AND column_name = 'school_year'`, name).Scan(&hasYear)
	if err != nil {
		return yearSet{}, fmt.Errorf("columns of %s: %w", rel, err)
	}
	if !hasYear {
		var n int64
		q := fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s > %d`, rel, idCol, prev)
		if err := conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return yearSet{}, fmt.Errorf("new rows of %s: %w", rel, err)
		}
		return yearSet{all: n > 0}, nil
	}
	return newYears(ctx, conn, fmt.Sprintf(`SELECT DISTINCT school_year FROM %s WHERE %s > %d`, rel, idCol, prev))
}

// newYears reads a list of school years; a NULL year stands for all.
func newYears(ctx context.Context, conn *sql.Conn, q string) (yearSet, error) {
	var ys yearSet
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return ys, fmt.Errorf("new rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var y sql.NullInt64
		if err := rows.Scan(&y); err != nil {
			return ys, fmt.Errorf("new rows: %w", err)
		}
		if !y.Valid {
			ys.null = true
			continue
		}
		ys.addYear(int(y.Int64))
	}
	return ys, rows.Err()
}

// run builds one model as the plan says and returns how, and for a whole
// rebuild under an incremental build, which input changed in every year.
func (pl *planner) run(ctx context.Context, conn *sql.Conn, m *Model) (how, why string, err error) {
	if pl.whole {
		return BuiltWhole, "", exec(ctx, conn, m, m.SQL)
	}
	var in yearSet
	for _, r := range append(append([]string(nil), m.Deps...), m.Sources...) {
		c := pl.changed[r]
		if c.all && why == "" {
			why = r
		}
		in.add(c)
	}
	switch {
	case in.empty():
		pl.changed[m.Name] = yearSet{}
		return BuiltUnchanged, "", nil
	case m.Scope == nil:
		pl.changed[m.Name] = yearSet{all: true}
		return BuiltWhole, why, exec(ctx, conn, m, m.SQL)
	case in.all:
		ys, err := rebuildFound(ctx, conn, m)
		pl.changed[m.Name] = ys
		return BuiltWhole, why, err
	case m.body == "": // a view: made again, its years change as its inputs'
		pl.changed[m.Name] = m.Scope.affected(in)
		return BuiltWhole, "", exec(ctx, conn, m, m.SQL)
	default:
		ys := m.Scope.affected(in)
		changed, err := rebuildYears(ctx, conn, m, ys)
		pl.changed[m.Name] = changed
		return builtYears + describe(ys), "", err
	}
}

// rebuildFound rebuilds a scoped model whole and finds the years whose
// rows changed, by a digest of each year's rows before and after, so the
// models that read it need not rebuild every year.
func rebuildFound(ctx context.Context, conn *sql.Conn, m *Model) (yearSet, error) {
	before, err := digests(ctx, conn, m)
	if err != nil {
		return yearSet{}, err
	}
	if err := exec(ctx, conn, m, m.SQL); err != nil {
		return yearSet{}, err
	}
	after, err := digests(ctx, conn, m)
	if err != nil {
		return yearSet{}, err
	}
	var ys yearSet
	for y, d := range after {
		if before[y] != d {
			ys.addYear(y)
		}
	}
	for y := range before {
		if _, ok := after[y]; !ok {
			ys.addYear(y)
		}
	}
	if ys.years[nullYear] {
		delete(ys.years, nullYear)
		ys.null = true
	}
	return ys, nil
}

// nullYear stands for the rows without a year in a digest.
const nullYear = -1 << 31

// digests returns, per school year of the model's rows, a digest of the
// rows (a sum of row hashes: the order of rows does not matter, a
// repeated row counts twice) and their number.
func digests(ctx context.Context, conn *sql.Conn, m *Model) (map[int]string, error) {
	q := fmt.Sprintf(`SELECT coalesce(%[1]s, %[2]d), sum(hash(_dw_row)::HUGEINT)::VARCHAR || '/' || count(*)
		FROM %[3]s _dw_row GROUP BY 1`, m.Scope.Column, nullYear, m.Name)
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("digest of %s: %w", m.Name, err)
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var y int
		var d string
		if err := rows.Scan(&y, &d); err != nil {
			return nil, fmt.Errorf("digest of %s: %w", m.Name, err)
		}
		out[y] = d
	}
	return out, rows.Err()
}

func exec(ctx context.Context, conn *sql.Conn, m *Model, q string) error {
	if q == m.SQL {
		if err := dropOtherKind(ctx, conn, m); err != nil {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("model %s (sql/%s): %w", m.Name, m.Path, err)
	}
	return nil
}

// dropOtherKind drops the model's relation when it is of the other kind
// than the model makes (a table the model now makes as a view, or the
// reverse): CREATE OR REPLACE cannot turn one into the other, and a
// warehouse built by an older version holds the old kind.
func dropOtherKind(ctx context.Context, conn *sql.Conn, m *Model) error {
	schema, name, _ := strings.Cut(m.Name, ".")
	other, catalog := "TABLE", "duckdb_tables()"
	if !isView(m) {
		other, catalog = "VIEW", "duckdb_views()"
	}
	var n int
	q := "SELECT count(*) FROM " + catalog + " WHERE database_name = current_database() AND schema_name = ? AND " +
		strings.ToLower(other) + "_name = ? AND NOT temporary"
	if err := conn.QueryRowContext(ctx, q, schema, name).Scan(&n); err != nil {
		return fmt.Errorf("model %s: look for a %s of its name: %w", m.Name, strings.ToLower(other), err)
	}
	if n == 0 {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "DROP "+other+" "+m.Name); err != nil {
		return fmt.Errorf("model %s: drop the %s an older version made: %w", m.Name, strings.ToLower(other), err)
	}
	return nil
}

// record keeps the key and the latest load for the next build.
func (pl *planner) record(ctx context.Context, conn *sql.Conn, key string) error {
	if _, err := conn.ExecContext(ctx, stateDDL); err != nil {
		return fmt.Errorf("create audit.build_state: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO audit.build_state VALUES (?, ?)`, key, pl.maxLoad); err != nil {
		return fmt.Errorf("record the build: %w", err)
	}
	return nil
}

// describe names the years of a partial rebuild, as Built.How shows them.
func describe(ys yearSet) string {
	s := joinYears(ys)
	if ys.later {
		s = strings.TrimPrefix(s+","+strconv.Itoa(ys.since)+"-", ",")
	}
	if ys.null {
		s = strings.TrimPrefix(s+",null", ",")
	}
	return s
}

func joinYears(ys yearSet) string {
	var out []string
	for _, y := range ys.sorted() {
		out = append(out, strconv.Itoa(y))
	}
	return strings.Join(out, ",")
}
