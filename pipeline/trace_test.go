package pipeline

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"dropwatch/pipeline/demotown"
)

// On the demo town, every dropout numerator of mart.indicators is the
// number of children mart.dropouts lists by name. (That every figure
// equals its children in mart.indicator_children is the error-level data
// test indicators_match_children, which every build runs.)
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
	rows, err := db.Query(`SELECT school_year, scope_level, scope_code, indicator, numerator
		FROM mart.indicators WHERE status <> '无数据' AND indicator IN ('primary_dropout', 'junior_dropout')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var y int
		var level, code, ind string
		var num int64
		if err := rows.Scan(&y, &level, &code, &ind, &num); err != nil {
			t.Fatal(err)
		}
		checkDropoutsListed(t, db, y, level, code, ind, num)
		checked++
	}
	if checked < 10 {
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
