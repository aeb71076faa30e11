package models

import "testing"

// The years a change touches, as a scoped model's window spreads them.
func TestAffectedYears(t *testing.T) {
	in := yearSet{}
	in.addYear(2024)
	in.addYear(2026)
	cases := []struct {
		scope Scope
		want  string
	}{
		{Scope{Column: "school_year"}, "2024,2026"},
		// rows of Y read Y+1: a change in 2024 touches 2023 and 2024
		{Scope{Column: "school_year", To: 1}, "2023,2024,2025,2026"},
		// rows of Y read Y-1: a change in 2026 touches 2026 and 2027
		{Scope{Column: "school_year", From: -1}, "2024,2025,2026,2027"},
		// rows of Y read every earlier year: 2024 and every year after
		{Scope{Column: "school_year", From: earlier}, "2024-"},
	}
	for _, c := range cases {
		if got := describe(c.scope.affected(in)); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.scope, got, c.want)
		}
	}
	var mixed yearSet
	mixed.addYear(2020)
	mixed.addYear(2027)
	mixed.from(2025)
	mixed.addYear(2026)
	mixed.null = true
	if got := describe(mixed); got != "2020,2025-,null" {
		t.Errorf("mixed: got %s, want 2020,2025-,null", got)
	}
}

// A model's header declares its scope; a malformed one is an error that
// says how to write it.
func TestDeclaredScope(t *testing.T) {
	m := &Model{Name: "mart.x", Path: "mart/x.sql", SQL: "-- tier: public\n-- incremental: school_year *..0\nCREATE OR REPLACE TABLE mart.x AS SELECT 1 AS school_year;\nCOMMENT ON TABLE mart.x IS 'x';\n"}
	s, body, err := declaredScope(m)
	if err != nil || s == nil || s.From != earlier || s.To != 0 || body != "SELECT 1 AS school_year" {
		t.Fatalf("got %+v %q %v", s, body, err)
	}
	m.Scope, m.body = s, body
	var ys yearSet
	ys.addYear(2025)
	want := "INSERT INTO mart.x SELECT * FROM (\nSELECT 1 AS school_year\n) AS _scope WHERE (_scope.school_year IN (2025))"
	if got := insertSQL(m, ys); got != want {
		t.Errorf("insert SQL:\n%s\nwant\n%s", got, want)
	}
	ys.from(2027)
	ys.null = true
	if got, want := scopeWhere("school_year", ys, "o"), "(o.school_year IS NULL OR o.school_year IN (2025) OR o.school_year >= 2027)"; got != want {
		t.Errorf("years picked by %s, want %s", got, want)
	}
	bad := &Model{Name: "mart.x", Path: "mart/x.sql", SQL: "-- incremental: school_year +1..+2\nCREATE OR REPLACE TABLE mart.x AS SELECT 1 AS school_year;"}
	if _, _, err := declaredScope(bad); err == nil {
		t.Error("a window without the row's own year was accepted")
	}
	two := &Model{Name: "mart.x", Path: "mart/x.sql", SQL: "-- incremental: school_year\nCREATE OR REPLACE TABLE mart.x AS SELECT 1 AS school_year; DELETE FROM mart.x;"}
	if _, _, err := declaredScope(two); err == nil {
		t.Error("a scoped model with a second statement was accepted")
	}
}
