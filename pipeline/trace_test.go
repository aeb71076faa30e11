package pipeline

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"dropwatch/pipeline/demotown"
)

// On the demo town, every figure of mart.indicators is reproduced from the
// child-level marts: its numerator and denominator from
// mart.indicator_children, and the dropout numerators once more from
// mart.dropouts, which lists the children by name.
func TestDemoFiguresTraceToChildren(t *testing.T) {
	root := t.TempDir()
	if _, err := demotown.Generate(filepath.Join(root, "inbox"), demotown.Options{Seed: 3, Children: 1500}); err != nil {
		t.Fatal(err)
	}
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	rows, err := db.Query(`SELECT school_year, scope_level, scope_code, indicator, numerator, denominator
		FROM mart.indicators WHERE status <> '无数据' AND indicator <> 'village_kindergarten'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var y int
		var level, code, ind string
		var num, den int64
		if err := rows.Scan(&y, &level, &code, &ind, &num, &den); err != nil {
			t.Fatal(err)
		}
		var n, d int64
		err := db.QueryRow(`SELECT count(*) FILTER (WHERE in_numerator), count(*) FILTER (WHERE in_denominator)
			FROM mart.indicator_children WHERE school_year = ? AND scope_level = ? AND scope_code = ? AND indicator = ?`,
			y, level, code, ind).Scan(&n, &d)
		if err != nil {
			t.Fatal(err)
		}
		if n != num || d != den {
			t.Errorf("%d %s %s %s: published %d/%d, children %d/%d", y, level, code, ind, num, den, n, d)
		}
		if ind == "primary_dropout" || ind == "junior_dropout" {
			checkDropoutsListed(t, db, y, level, code, ind, num)
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d figures checked: the demo should publish more", checked)
	}
}

// checkDropoutsListed recounts a dropout numerator from mart.dropouts.
func checkDropoutsListed(t *testing.T, db *sql.DB, y int, level, code, ind string, num int64) {
	t.Helper()
	lvl := map[string]string{"primary_dropout": "小学", "junior_dropout": "初中"}[ind]
	q := `SELECT count(*) FROM mart.dropouts WHERE school_year = ? AND level = ?`
	args := []any{y, lvl}
	if level == "school" {
		q += ` AND school_code = ?`
		args = append(args, code)
	}
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != num {
		t.Errorf("%d %s %s %s: numerator %d, mart.dropouts lists %d", y, level, code, ind, num, n)
	}
}
