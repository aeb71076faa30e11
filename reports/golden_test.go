package reports

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with testdata/golden/name, or rewrites the file
// when -update is given.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from golden file; run go test -tags duckdb_arrow ./reports/ -update and review the diff\n got:\n%s", name, got)
	}
}

func TestLoadDashboardGolden(t *testing.T) {
	db := newTestDB(t)
	d, err := LoadDashboard(context.Background(), db)
	if err != nil {
		t.Fatalf("LoadDashboard: %v", err)
	}
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	checkGolden(t, "dashboard.json", append(got, '\n'))
}

func TestPublicIndexGolden(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	checkGolden(t, "public_index.html", []byte(readFile(t, filepath.Join(dir, "public", "index.html"))))
}

func TestBuildPages(t *testing.T) {
	_, site := buildSite(t, newTestDB(t))
	want := []string{"public/index.html", "restricted/index.html", "restricted/quarantine.html"}
	if !reflect.DeepEqual(site.Pages, want) {
		t.Errorf("Pages = %q, want %q", site.Pages, want)
	}
}

func TestLoadDashboardEmpty(t *testing.T) {
	db := newTestDB(t, `DELETE FROM mart.school_term_enrolment; DELETE FROM audit.loads;`)
	d, err := LoadDashboard(context.Background(), db)
	if err != nil {
		t.Fatalf("LoadDashboard: %v", err)
	}
	if d.LatestTerm != nil || len(d.Schools) != 0 || len(d.TermTotals) != 0 {
		t.Errorf("empty warehouse: got %+v", d)
	}
	if d.Loads != (LoadSummary{}) {
		t.Errorf("Loads = %+v, want zero", d.Loads)
	}
	dir, _ := buildSite(t, db)
	page := readFile(t, filepath.Join(dir, "public", "index.html"))
	if got, want := countOf(page, `class="chart"`), 0; got != want {
		t.Errorf("charts on empty dashboard = %d, want %d", got, want)
	}
}
