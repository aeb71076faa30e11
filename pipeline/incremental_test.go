package pipeline

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dropwatch"
	"dropwatch/pipeline/demotown"
	"dropwatch/pipeline/models"
)

// An incremental run leaves every model's table exactly as a whole
// rebuild of the same raw layer would. The demo town's four school years
// arrive as they would in a county: three years, then the next year's
// first-term files (roster, household extract, migration and disability
// censuses), then the rest of that year (second-term roster, attendance,
// dropouts, graduates, handoffs, returned 核查表). After each incremental
// run, a copy of the published warehouse is rebuilt whole and every
// relation the models write is compared, row for row.
func TestIncrementalEqualsWhole(t *testing.T) {
	root := t.TempDir()
	gen := filepath.Join(root, "gen")
	m, err := demotown.Generate(gen, demotown.Options{Seed: 2, Children: 1200, Years: 4})
	if err != nil {
		t.Fatal(err)
	}
	before, first, rest := m.Arrivals("2026")
	steps := [][]string{before, first, rest}
	r := testRun(t, root)
	if err := os.MkdirAll(r.Config.Paths.Inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, files := range steps {
		for _, f := range files {
			if err := os.Link(filepath.Join(gen, f), filepath.Join(r.Config.Paths.Inbox, f)); err != nil {
				t.Fatal(err)
			}
		}
		built := map[string]string{}
		r.Events = func(ev Event) {
			if ev.Kind == EventModel {
				built[ev.Model] = ev.Built
			}
		}
		if _, err := r.Execute(context.Background()); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if i == 0 {
			continue
		}
		if n := countBuilt(built, "years "); n < 10 {
			t.Errorf("step %d: %d models rebuilt by years, want at least 10 (%v)", i, n, built)
		}
		t.Logf("step %d: %d files; by years %d, unchanged %d, whole %d", i, len(files),
			countBuilt(built, "years "), countBuilt(built, models.BuiltUnchanged), countBuilt(built, models.BuiltWhole))
		want := rebuiltWhole(t, r.Config.Paths.Warehouse, filepath.Join(root, "whole.duckdb"))
		db := openRO(t, r.Config.Paths.Warehouse)
		got := tableSums(t, db)
		for rel, sum := range want {
			if got[rel] != sum {
				t.Errorf("step %d: %s differs from a whole rebuild (built %q):\n%s", i, rel, built[rel],
					rowsApart(t, db, rel, filepath.Join(root, "whole.duckdb")))
			}
		}
		db.Close()
	}
}

func countBuilt(built map[string]string, how string) int {
	n := 0
	for _, h := range built {
		if strings.HasPrefix(h, how) {
			n++
		}
	}
	return n
}

// rebuiltWhole copies the warehouse to dst, rebuilds every model there
// whole and returns the tables' sums.
func rebuiltWhole(t *testing.T, src, dst string) map[string]string {
	t.Helper()
	os.Remove(dst)
	os.Remove(dst + ".wal")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := openDB(dst, DuckDB{}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	buildWhole(t, db)
	return tableSums(t, db)
}

// buildWhole rebuilds every model of the warehouse db whole, as a new
// program's first run does.
func buildWhole(t *testing.T, db *sql.DB) {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	p, err := models.Load(dropwatch.SQL())
	if err != nil {
		t.Fatal(err)
	}
	p.Whole = true
	if err := p.Build(context.Background(), conn, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
}

// tableSums returns, for every table of the model schemas, a digest of
// its rows in a fixed order.
func tableSums(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	names := queryStrings(t, db, `SELECT schema_name || '.' || table_name FROM duckdb_tables()
		WHERE schema_name IN ('staging', 'core', 'mart') ORDER BY 1`)
	sort.Strings(names)
	out := map[string]string{}
	for _, n := range names {
		var sum sql.NullString
		q := `SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM ` + n + ` t`
		if err := db.QueryRow(q).Scan(&sum); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[n] = sum.String
	}
	return out
}

// rowsApart shows a few rows of rel that only the incremental build has
// (+) and that only the whole rebuild at whole has (-).
func rowsApart(t *testing.T, db *sql.DB, rel, whole string) string {
	t.Helper()
	if _, err := db.Exec(`ATTACH IF NOT EXISTS '` + whole + `' AS whole (READ_ONLY)`); err != nil {
		return err.Error()
	}
	var b strings.Builder
	for _, q := range []string{
		`SELECT '+ ' || t::VARCHAR FROM (SELECT * FROM ` + rel + ` EXCEPT ALL SELECT * FROM whole.` + rel + `) t LIMIT 3`,
		`SELECT '- ' || t::VARCHAR FROM (SELECT * FROM whole.` + rel + ` EXCEPT ALL SELECT * FROM ` + rel + `) t LIMIT 3`,
	} {
		for _, row := range queryStrings(t, db, q) {
			b.WriteString(row + "\n")
		}
	}
	return b.String()
}
