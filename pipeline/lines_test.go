package pipeline

import (
	"database/sql"
	"io/fs"
	"slices"
	"sort"
	"testing"

	"dropwatch"
)

// Every indicator of the SQL catalogue has a default line, and every
// default line is of an indicator the catalogue has: an indicator added to
// mart.indicator_catalog without a line would be judged against none.
func TestDefaultLinesFollowTheCatalogue(t *testing.T) {
	script, err := fs.ReadFile(dropwatch.SQL(), "mart/indicator_catalog.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA mart; " + string(script)); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT indicator FROM mart.indicator_catalog ORDER BY indicator")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var catalogue []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		catalogue = append(catalogue, s)
	}
	var lines []string
	for k := range Defaults().Lines {
		lines = append(lines, k)
	}
	sort.Strings(lines)
	if len(catalogue) < 13 || !slices.Equal(catalogue, lines) {
		t.Errorf("catalogue %v\ndefault lines %v", catalogue, lines)
	}
}
