package rollup_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"dropwatch"
	"dropwatch/pipeline/rollup"
)

// A child on two counties' unaccounted lists carries the first reason in
// the contract's order, not the alphabetically smallest: county 430521
// lists child X as 从未入学 (U+4ECE sorts first) and county 430522 as
// 数据待核实, which comes first in the contract (a quarantined row may hide
// the child); child Y, listed by one county as 学籍消失, keeps it.
func TestRollupReasonByContractOrder(t *testing.T) {
	root := t.TempDir()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lists := map[string]string{
		"430521": `('X', 1, '从未入学'), ('Y', 1, '学籍消失')`,
		"430522": `('X', 1, '数据待核实')`,
	}
	var sources []string
	for county, rows := range lists {
		src := filepath.Join(root, county)
		sources = append(sources, src)
		for rel, q := range map[string]string{
			"unaccounted_children": `SELECT * FROM (VALUES ` + rows + `) v(id_number, term, reason)`,
			"children": `SELECT * FROM (VALUES ('X', true, NULL::VARCHAR, NULL::VARCHAR, 9), ('Y', true, NULL, NULL, 9))
				v(child_key, in_household, term1_status, term1_grade, age)`,
			"indicators": `SELECT 'town' AS scope_level, 'primary_dropout' AS indicator, '镇' AS scope_name,
				1 AS numerator, 100 AS denominator, 1.0 AS value, 0.5 AS target, 0.5 AS veto_line, '一票否决' AS status`,
		} {
			dir := filepath.Join(src, "mart", rel, "county="+county, "school_year=2025")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(fmt.Sprintf(`COPY (%s) TO '%s' (FORMAT parquet)`, q, filepath.Join(dir, "part.parquet"))); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
		}
	}
	out := filepath.Join(root, "province.duckdb")
	if _, err := rollup.Rollup(context.Background(), rollup.Options{Sources: sources, Out: out, SQL: dropwatch.SQL()}); err != nil {
		t.Fatal(err)
	}
	pdb, err := sql.Open("duckdb", out+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer pdb.Close()
	got := map[string]string{}
	rows, err := pdb.Query(`SELECT child_key, reason FROM unaccounted`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, r string
		if err := rows.Scan(&k, &r); err != nil {
			t.Fatal(err)
		}
		got[k] = r
	}
	if got["X"] != "数据待核实" || got["Y"] != "学籍消失" || len(got) != 2 {
		t.Errorf("province reasons = %v, want X 数据待核实, Y 学籍消失", got)
	}
}
