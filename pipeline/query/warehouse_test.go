package query_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/query"
	"dropwatch/pipeline/testwarehouse"
	"dropwatch/privacy"
)

func TestMain(m *testing.M) { testwarehouse.Main(m) }

// demo is the demo town's warehouse, as `dropwatch demo` builds it.
func demo(t *testing.T) string { return testwarehouse.Demo(t, 3000) }

// The ten worked queries of docs/analysts.md and the two on cases run
// against the demo warehouse and each returns rows. (That the tenth, the
// recount, finds no disagreement is the error-level data test
// indicators_match_children, which every build runs.)
func TestAnalystQueries(t *testing.T) {
	doc, err := os.ReadFile("../../docs/analysts.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) != 12 {
		t.Fatalf("docs/analysts.md has %d sql blocks, want the ten worked queries and two on cases", len(blocks))
	}
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, b := range blocks {
		res, err := query.All(context.Background(), db, b[1])
		if err != nil {
			t.Errorf("query %d: %v\n%s", i+1, err, b[1])
			continue
		}
		if len(res.Rows) == 0 {
			t.Errorf("query %d returns no rows on the demo town:\n%s", i+1, b[1])
		}
		// Query 10 lists the figures that disagree with their children, or
		// one row saying all agree: on the demo town, that one row.
		if i == 9 && (len(res.Rows) != 1 || !strings.Contains(fmt.Sprint(res.Rows[0]), "all figures agree")) {
			t.Errorf("query 10 = %v, want the one row saying all figures agree", res.Rows)
		}
	}
	recountFindsAWrongFigure(t, blocks[9][1])
}

// recountFindsAWrongFigure runs query 10 on a copy of the demo warehouse
// with one numerator made wrong: it lists that figure, and no "all agree".
func recountFindsAWrongFigure(t *testing.T, q string) {
	t.Helper()
	b, err := os.ReadFile(demo(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wrong.duckdb")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := engine.Open(path, engine.Settings{}, engine.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE mart.indicators SET numerator = numerator + 1
		WHERE school_year = 2025 AND scope_level = 'town' AND indicator = 'primary_net_enrollment'`); err != nil {
		t.Fatal(err)
	}
	res, err := query.All(context.Background(), db, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || !strings.Contains(fmt.Sprint(res.Rows[0]), "primary_net_enrollment") {
		t.Errorf("query 10 on a wrong numerator = %v, want that figure alone", res.Rows)
	}
}

// The analysts' schemas explain themselves: every table and column of mart,
// audit and config has a comment (docs/analysts.md says so).
func TestEveryContractColumnHasAComment(t *testing.T) {
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := query.All(context.Background(), db, `
		SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns()
		WHERE schema_name IN ('mart', 'audit', 'config') AND comment IS NULL
		UNION ALL
		SELECT schema_name || '.' || table_name FROM duckdb_tables()
		WHERE schema_name IN ('mart', 'audit', 'config') AND comment IS NULL
		UNION ALL
		SELECT schema_name || '.' || view_name FROM duckdb_views()
		WHERE schema_name IN ('mart', 'audit', 'config') AND comment IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) > 0 {
		t.Errorf("without a comment: %v", res.Rows)
	}
}

// explain agrees with mart.indicators for every published figure of the
// demo town: the numbers it prints are the published ones, and the
// children it lists add up to them.
func TestExplainAgreesWithIndicators(t *testing.T) {
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	figs, err := query.All(ctx, db, `SELECT indicator, school_year, scope_level, scope_code,
		coalesce(numerator::VARCHAR, '无数据'), coalesce(denominator::VARCHAR, '无数据'), status FROM mart.indicators`)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range figs.Rows {
		ind, year := query.Text(f[0]), int(f[1].(int32))
		sc := query.Scope{Level: query.Text(f[2]), Code: query.Text(f[3])}
		ex, err := query.Explain(ctx, db, ind, year, sc)
		if err != nil {
			t.Fatalf("%s %d %v: %v", ind, year, sc, err)
		}
		var out bytes.Buffer
		if err := ex.Write(&out, false, 3); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		for _, want := range []string{"分子 / numerator:   " + query.Text(f[4]) + "\n", "分母 / denominator: " + query.Text(f[5]) + "\n", "状态 / status: " + query.Text(f[6])} {
			if !strings.Contains(text, want) {
				t.Errorf("%s %d %v: output lacks %q:\n%s", ind, year, sc, want, text)
			}
		}
		if !ex.Agrees() || strings.Contains(text, "DISAGREES") {
			t.Errorf("%s %d %v: published %s/%s, children %d/%d", ind, year, sc, query.Text(f[4]), query.Text(f[5]), ex.CountedNumerator, ex.CountedDenominator)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d figures checked", checked)
	}
	t.Logf("%d figures explained, all agree", checked)
}

// Without --restricted no identity number or full name is printed.
func TestExplainMasksChildren(t *testing.T) {
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var year int
	db.QueryRow(`SELECT max(school_year) FROM mart.dropouts`).Scan(&year)
	ex, err := query.Explain(context.Background(), db, "junior_dropout", year, query.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var masked, open bytes.Buffer
	ex.Write(&masked, false, 0)
	ex.Write(&open, true, 0)
	rows, _ := db.Query(`SELECT id_number, name FROM mart.dropouts WHERE school_year = ? AND level = '初中'`, year)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, name string
		rows.Scan(&id, &name)
		n++
		if strings.Contains(masked.String(), id) || strings.Contains(masked.String(), " "+name+" ") {
			t.Errorf("masked output shows %s %s", id, name)
		}
		// Nothing printed beside the masked number restores what MaskID
		// hid (its birth-date digits): before, the birth date was printed.
		if len(id) == 18 {
			if born := id[6:10] + "-" + id[10:12] + "-" + id[12:14]; strings.Contains(masked.String(), born) {
				t.Errorf("masked output prints %s beside %s, restoring the number", born, privacy.MaskID(id))
			}
		}
		if !strings.Contains(open.String(), id) || !strings.Contains(masked.String(), privacy.MaskID(id)) {
			t.Errorf("dropout %s missing from the lists", privacy.MaskID(id))
		}
	}
	if n == 0 {
		t.Fatalf("the demo town has no junior dropouts in %d", year)
	}
}

// The shell runs several statements and dot commands, and cannot write.
func TestShell(t *testing.T) {
	var out bytes.Buffer
	sh := &query.Shell{Path: demo(t), Out: &out, MaxRows: 100}
	ctx := context.Background()
	script := ".tables\n.schema mart.dropouts\nSELECT count(*) AS n FROM mart.indicators;\n.mode csv\nSELECT 1 AS a, '示范' AS b;"
	if err := sh.Exec(ctx, script); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| mart.dropouts ", "个人信息", "| id_number ", "身份证件号", "| n ", "a,b\n1,示范\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("shell output lacks %q:\n%s", want, out.String())
		}
	}
	for _, stmt := range []string{"CREATE TABLE mart.x (a INT)", "DELETE FROM mart.indicators"} {
		if err := sh.Exec(ctx, stmt); err == nil || !strings.Contains(strings.ToLower(err.Error()), "read-only") {
			t.Errorf("%s: err %v, want a read-only refusal", stmt, err)
		}
	}
	if err := sh.Exec(ctx, ".nosuch"); err == nil || !strings.Contains(err.Error(), ".help") {
		t.Errorf(".nosuch: %v", err)
	}
}

// An interactive session carries a statement over lines and survives an
// error.
func TestInteractive(t *testing.T) {
	var out bytes.Buffer
	sh := &query.Shell{Path: demo(t), Out: &out}
	in := &lines{l: []string{"SELECT 40", "+ 2 AS answer;", "SELECT nosuch;", ".mode json", "SELECT 7 AS x;", ".quit", "SELECT 'after quit';"}}
	if err := sh.Interactive(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.Contains(s, " 42 |") || !strings.Contains(s, "错误 / error:") || !strings.Contains(s, `{"x":7}`) || strings.Contains(s, "after quit") {
		t.Errorf("session:\n%s", s)
	}
	if fmt.Sprint(in.prompts[:2]) != "[dropwatch>        ...> ]" {
		t.Errorf("prompts %q", in.prompts[:2])
	}
}

type lines struct {
	l       []string
	prompts []string
	cur     string
}

func (r *lines) SetPrompt(p string) { r.cur = p }

func (r *lines) ReadLine() (string, error) {
	r.prompts = append(r.prompts, r.cur)
	if len(r.l) == 0 {
		return "", fmt.Errorf("read past the end: %w", os.ErrClosed)
	}
	s := r.l[0]
	r.l = r.l[1:]
	return s, nil
}
