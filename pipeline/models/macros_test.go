package models

import (
	"context"
	"database/sql"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/duckdb/duckdb-go/v2"

	"dropwatch"
	"dropwatch/pipeline/sqltext"
)

// The project's macros compute the shared rules; the expected values are
// worked out by hand from the rules' wording.
func TestMacrosComputeTheRules(t *testing.T) {
	macros, err := LoadMacros(dropwatch.SQL())
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := CreateMacros(ctx, db, macros); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ expr, want string }{
		// 31 August 2025 is the sixth birthday: 6 completed years.
		{"school_age(DATE '2019-08-31', 2025::SMALLINT)", "6"},
		// one day younger: the sixth birthday falls on 1 September 2025.
		{"school_age(DATE '2019-09-01', 2025)", "5"},
		{"compulsory_age(6) AND compulsory_age(15) AND NOT compulsory_age(5) AND NOT compulsory_age(16)", "true"},
		{"compulsory_grade('1') AND compulsory_grade('9') AND NOT compulsory_grade('K3')", "true"},
		// characters 7-14 of the number are the birth date
		{"id_birth_date('11010520190831002X')", "2019-08-31"},
		{"id_birth_date('110105201913310020') IS NULL", "true"},
		{"term_start(2025, 1)", "2025-09-01"},
		{"term_start(2025, 2)", "2026-02-01"},
		{"school_year_of(DATE '2025-08-31') || ' ' || school_year_of(DATE '2025-09-01')", "2024 2025"},
	}
	for _, c := range cases {
		var got string
		if err := db.QueryRowContext(ctx, "SELECT ("+c.expr+")::VARCHAR").Scan(&got); err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
}

func TestMacroMustCreateItsName(t *testing.T) {
	fsys := fstest.MapFS{"macros/a.sql": {Data: []byte("-- a rule\nCREATE OR REPLACE MACRO b(x) AS x + 1;")}}
	if _, err := LoadMacros(fsys); err == nil || !strings.Contains(err.Error(), "must create the macro a") {
		t.Errorf("err = %v", err)
	}
}

// The rules the macros hold are written nowhere else in sql/: a model that
// spells out the 31 August age or the birth date in an identity number
// again would drift from the macro.
func TestRulesOnlyInMacros(t *testing.T) {
	rules := map[string]*regexp.Regexp{
		"school_age":       regexp.MustCompile(`(?i)date_sub\s*\(\s*'year'|,\s*8\s*,\s*31\s*\)\s*\)`),
		"compulsory_age":   regexp.MustCompile(`(?i)BETWEEN\s+6\s+AND\s+15`),
		"compulsory_grade": regexp.MustCompile(`(?i)IN\s*\(\s*'1'\s*,\s*'2'`),
		"id_birth_date":    regexp.MustCompile(`(?i)substr\s*\([^)]*,\s*7\s*,\s*8\s*\)`),
		"term_start":       regexp.MustCompile(`(?i),\s*9\s*,\s*1\s*\)`),
		"school_year_of":   regexp.MustCompile(`(?i)month\s*\([^)]*\)\s*>=\s*9`),
	}
	fsys := dropwatch.SQL()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "macros/") || !strings.HasSuffix(p, ".sql") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for macro, re := range rules {
			if loc := re.FindStringIndex(sqltext.StripComments(string(b))); loc != nil {
				t.Errorf("%s writes the rule of macro %s itself: use %s(...)", p, macro, macro)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
