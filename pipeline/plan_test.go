package pipeline

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dropwatch"
	"dropwatch/pipeline/models"
)

// fixedSize are the relations whose rows do not grow with the town or
// with the years loaded: a nested-loop join against one of them costs
// the other side's rows times a constant.
var fixedSize = []string{"core.as_of", "mart.indicator_catalog", "config."}

// planNode is one operator of EXPLAIN (FORMAT json).
type planNode struct {
	Name     string         `json:"name"`
	Children []planNode     `json:"children"`
	Extra    map[string]any `json:"extra_info"`
}

// Every model is planned by DuckDB without a nested-loop join between two
// relations that grow with the data. A join whose condition DuckDB cannot
// hash (ON a = b OR c = d, or a condition with an OR in it) compares every
// row of one side with every row of the other: invisible on the demo
// town, it was 407 s of the province's run in core.case_facts (every
// listed child against every row of E) before this test.
func TestNoModelJoinsRowByRow(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	p, err := models.Load(dropwatch.SQL())
	if err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	for _, m := range p.Models {
		q, err := m.Query()
		if err != nil {
			continue // province.sql and the like: several statements, no single query
		}
		var plan string
		var kind string
		if err := db.QueryRow("EXPLAIN (FORMAT json) "+q).Scan(&kind, &plan); err != nil {
			t.Errorf("%s: explain: %v", m.Name, err)
			continue
		}
		var nodes []planNode
		if err := json.Unmarshal([]byte(plan), &nodes); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		for _, n := range nodes {
			for _, bad := range rowByRow(n) {
				t.Errorf("%s joins row by row: %s", m.Name, bad)
			}
		}
	}
}

// rowByRow lists the blockwise nested-loop joins under n neither side of
// which reads only fixed-size relations. DuckDB plans one for a join
// condition it can neither hash nor sort (anything with an OR in it),
// whatever the sizes; its NESTED_LOOP_JOIN, by contrast, is a comparison
// join it picks only when a side is estimated at a few rows, and becomes a
// sort-merge join on real data.
func rowByRow(n planNode) []string {
	var out []string
	if n.Name == "BLOCKWISE_NL_JOIN" && len(n.Children) == 2 &&
		!onlyFixed(n.Children[0]) && !onlyFixed(n.Children[1]) {
		out = append(out, n.Name+" ON "+conditionOf(n)+" between "+
			strings.Join(tables(n.Children[0]), ", ")+" and "+strings.Join(tables(n.Children[1]), ", "))
	}
	for _, c := range n.Children {
		out = append(out, rowByRow(c)...)
	}
	return out
}

func conditionOf(n planNode) string {
	c, _ := n.Extra["Condition"].(string)
	return c
}

// onlyFixed reports whether n reads tables and every one of them is of
// fixed size (a side that reads a CTE or no table at all is not known to
// be small).
func onlyFixed(n planNode) bool {
	ts := tables(n)
	if len(ts) == 0 || slices.ContainsFunc(names(n), func(s string) bool { return s == "CTE_SCAN" || s == "DELIM_SCAN" }) {
		return false
	}
	for _, tb := range ts {
		if !slices.ContainsFunc(fixedSize, func(f string) bool { return strings.HasPrefix(tb, f) }) {
			return false
		}
	}
	return true
}

// tables lists the tables n scans, as schema.name.
func tables(n planNode) []string {
	var out []string
	if tb, ok := n.Extra["Table"].(string); ok {
		parts := strings.Split(tb, ".") // catalog.schema.name
		out = append(out, strings.Join(parts[max(0, len(parts)-2):], "."))
	}
	for _, c := range n.Children {
		out = append(out, tables(c)...)
	}
	return out
}

// names lists the operators of n and below.
func names(n planNode) []string {
	out := []string{n.Name}
	for _, c := range n.Children {
		out = append(out, names(c)...)
	}
	return out
}

// A warehouse made by an older version may hold a model's relation as the
// other kind (mart.handoff_status was a table before it became a view): a
// whole build replaces it instead of failing on CREATE OR REPLACE.
func TestModelChangesKind(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db, err := openDB(r.Config.Paths.Warehouse, DuckDB{}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE mart.handoff_status_old AS FROM mart.handoff_status;
		DROP VIEW mart.handoff_status;
		ALTER TABLE mart.handoff_status_old RENAME TO handoff_status;
		DROP TABLE mart.dropout_composition;
		CREATE VIEW mart.dropout_composition AS SELECT 1 AS x`); err != nil {
		t.Fatal(err)
	}
	buildWhole(t, db)
	for rel, want := range map[string]string{"mart.handoff_status": "VIEW", "mart.dropout_composition": "BASE TABLE"} {
		schema, name, _ := strings.Cut(rel, ".")
		var got string
		if err := db.QueryRow(`SELECT table_type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?`,
			schema, name).Scan(&got); err != nil || got != want {
			t.Errorf("%s is a %q (%v), want %q", rel, got, err, want)
		}
	}
}
