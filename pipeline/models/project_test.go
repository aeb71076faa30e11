package models

import (
	"strings"
	"testing"
	"testing/fstest"

	"dropwatch"
)

func names(ms []*Model) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func TestOrderFollowsReferences(t *testing.T) {
	fsys := fstest.MapFS{
		// a mart declared before what it reads, alphabetically
		"mart/a.sql":        {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.a AS SELECT * FROM staging.z JOIN mart.b USING (x);")},
		"mart/b.sql":        {Data: []byte("-- tier: public\ncreate or replace view mart.b as select x from staging.z")},
		"staging/z.sql":     {Data: []byte("-- tier: restricted\n-- reads mart.a only in this comment\nCREATE OR REPLACE TABLE staging.z AS SELECT 1 AS x FROM raw.roster;")},
		"tests/t.sql":       {Data: []byte("-- severity: warn\nSELECT * FROM mart.a")},
		"tests/default.sql": {Data: []byte("SELECT 1 WHERE false")},
	}
	p, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(names(p.Models), " "), "staging.z mart.b mart.a"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
	if got := strings.Join(p.Models[2].Deps, " "); got != "mart.b staging.z" {
		t.Errorf("deps of mart.a = %s", got)
	}
	sev := map[string]string{}
	for _, tt := range p.Tests {
		sev[tt.Name] = tt.Severity
	}
	if sev["t"] != "warn" || sev["default"] != "error" {
		t.Errorf("severities = %v", sev)
	}
}

func TestCycleIsAnError(t *testing.T) {
	fsys := fstest.MapFS{
		"mart/a.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.a AS SELECT * FROM mart.b")},
		"mart/b.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.b AS SELECT * FROM mart.a")},
	}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), "cycle") || !strings.Contains(err.Error(), "mart.a") {
		t.Errorf("err = %v, want a cycle naming mart.a", err)
	}
}

func TestModelMustCreateItsName(t *testing.T) {
	fsys := fstest.MapFS{
		"mart/a.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.other AS SELECT 1")},
	}
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "must create mart.a") {
		t.Errorf("err = %v", err)
	}
}

func TestBadSeverity(t *testing.T) {
	fsys := fstest.MapFS{"tests/x.sql": {Data: []byte("-- severity: fatal\nSELECT 1")}}
	if _, err := Load(fsys); err == nil {
		t.Error("severity fatal accepted")
	}
}

// The project's own SQL loads and orders.
func TestEmbeddedProjectLoads(t *testing.T) {
	p, err := Load(dropwatch.SQL())
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, m := range p.Models {
		pos[m.Name] = i
	}
	for _, m := range p.Models {
		for _, d := range m.Deps {
			if pos[d] >= pos[m.Name] {
				t.Errorf("%s runs before its dependency %s", m.Name, d)
			}
		}
	}
	if len(p.Tests) == 0 {
		t.Error("no data tests")
	}
	for _, m := range p.Models {
		if p.Tiers[m.Name] != m.Tier || m.Tier == "" {
			t.Errorf("%s: tier %q, recorded %q", m.Name, m.Tier, p.Tiers[m.Name])
		}
	}
}

// A "--" inside a string literal starts no comment: the reference after it
// on the same line is still a dependency (goose had the same bug, #699).
func TestDashesInStringAreNotAComment(t *testing.T) {
	fsys := fstest.MapFS{
		"mart/a.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE VIEW mart.a AS SELECT 'x--y' AS s, * FROM mart.b /* mart.c */ -- mart.c\n")},
		"mart/b.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.b AS SELECT 1 AS x")},
		"mart/c.sql": {Data: []byte("-- tier: public\nCREATE OR REPLACE TABLE mart.c AS SELECT '--' AS y, 'it''s -- ' || 'mart.c' AS z")},
	}
	p, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	deps := map[string]string{}
	for _, m := range p.Models {
		deps[m.Name] = strings.Join(m.Deps, " ")
	}
	if deps["mart.a"] != "mart.b" {
		t.Errorf("deps of mart.a = %q, want mart.b (a string's -- cut the line; a comment's mart.c counted)", deps["mart.a"])
	}
}

// A model without a declared tier, or with a tier that is not one of the
// two, does not load: the project's own models all declare one (checked by
// TestEmbeddedProjectLoads), so adding one without fails the build.
func TestModelMustDeclareTier(t *testing.T) {
	for body, want := range map[string]string{
		"-- mart.a: no tier\nCREATE OR REPLACE TABLE mart.a AS SELECT 1": "declares no privacy tier",
		"-- tier: internal\nCREATE OR REPLACE TABLE mart.a AS SELECT 1":  "neither public nor restricted",
	} {
		_, err := Load(fstest.MapFS{"mart/a.sql": {Data: []byte(body)}})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "mart/a.sql") {
			t.Errorf("err = %v, want %q naming mart/a.sql", err, want)
		}
	}
}
