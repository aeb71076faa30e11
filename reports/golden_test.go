package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
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

// The report data: every struct a template is fed, loaded from the fixture
// town. A change in a figure shows as a diff of these files.
func TestReportDataGolden(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	loaders := []struct {
		file string
		load func(context.Context, *sql.DB) (any, error)
	}{
		{"dashboard.json", func(c context.Context, d *sql.DB) (any, error) { return LoadDashboard(c, d) }},
		{"schools.json", func(c context.Context, d *sql.DB) (any, error) { return LoadSchoolPages(c, d) }},
		{"villages.json", func(c context.Context, d *sql.DB) (any, error) { return LoadVillagePages(c, d) }},
		{"bulletins.json", func(c context.Context, d *sql.DB) (any, error) { return LoadBulletins(c, d) }},
		{"county_report.json", func(c context.Context, d *sql.DB) (any, error) { return LoadCountyReport(c, d) }},
		{"quality.json", func(c context.Context, d *sql.DB) (any, error) { return LoadQualityPage(c, d, time.Time{}) }},
		{"unaccounted.json", func(c context.Context, d *sql.DB) (any, error) { return LoadUnaccountedList(c, d) }},
		{"dropout_list.json", func(c context.Context, d *sql.DB) (any, error) { return LoadDropoutList(c, d) }},
		{"handoff.json", func(c context.Context, d *sql.DB) (any, error) { return LoadHandoffList(c, d) }},
		{"quarantine.json", func(c context.Context, d *sql.DB) (any, error) { return LoadQuarantine(c, d) }},
		{"warning.json", func(c context.Context, d *sql.DB) (any, error) { return LoadWarningList(c, d) }},
		{"warning_summary.json", func(c context.Context, d *sql.DB) (any, error) { return LoadWarningSummary(c, d) }},
		{"care.json", func(c context.Context, d *sql.DB) (any, error) { return LoadCareRegister(c, d) }},
		{"case_ledger.json", func(c context.Context, d *sql.DB) (any, error) { return LoadCaseLedger(c, d) }},
		{"case_counts.json", func(c context.Context, d *sql.DB) (any, error) { return LoadCaseCounts(c, d) }},
	}
	for _, l := range loaders {
		t.Run(l.file, func(t *testing.T) {
			v, err := l.load(ctx, db)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			checkGolden(t, l.file, append(got, '\n'))
		})
	}
}

// The dashboard page itself, byte for byte.
func TestPublicIndexGolden(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	checkGolden(t, "public_index.html", []byte(readFile(t, filepath.Join(dir, "public", "index.html"))))
}

func TestBuildPages(t *testing.T) {
	_, site := buildSite(t, newTestDB(t))
	want := []string{
		"public/index.html", "public/cases.html",
		"public/schools/index.html",
		"public/schools/2144000001.html", "public/schools/2144000002.html",
		"public/schools/2144000003.html", "public/schools/2144000004.html", "public/schools/2144000005.html",
		"public/villages/index.html",
		"public/villages/441302101201.html", "public/villages/441302101202.html",
		"public/bulletin-2024-1.html", "public/bulletin-2024-2.html", "public/bulletin-2025-1.html",
		"public/report-2025-1.html",
		"public/early_warning.html",
		"public/quality.html",
		"restricted/index.html",
		"restricted/unaccounted.html",
		"restricted/villages/441302101201.html", "restricted/villages/441302101202.html",
		"restricted/dropouts.html", "restricted/handoff.html", "restricted/quarantine.html",
		"restricted/warning.html", "restricted/warning_villages.html", "restricted/care.html",
		"restricted/cases.html",
	}
	if !reflect.DeepEqual(site.Pages, want) {
		t.Errorf("Pages = %q\nwant %q", site.Pages, want)
	}
	wantBooks := []string{
		"public/bulletin-2024-1.xlsx", "public/bulletin-2024-2.xlsx", "public/bulletin-2025-1.xlsx",
		"public/report-2025-1.xlsx",
		"restricted/unaccounted.xlsx", "restricted/dropouts.xlsx", "restricted/handoff.xlsx",
		"restricted/worklists/village-441302101201.xlsx", "restricted/worklists/village-441302101202.xlsx",
		"restricted/worklists/school-2144000001.xlsx", "restricted/worklists/school-2144000002.xlsx",
		"restricted/worklists/school-2144000003.xlsx",
		"restricted/quarantine.xlsx",
	}
	if !reflect.DeepEqual(site.Workbooks, wantBooks) {
		t.Errorf("Workbooks = %q\nwant %q", site.Workbooks, wantBooks)
	}
}

// An empty warehouse (every relation there, no rows) still builds a site
// that says there is no data.
func TestBuildEmptyWarehouse(t *testing.T) {
	db := newTestDB(t, `
		DELETE FROM mart.school_term_enrolment; DELETE FROM audit.loads; DELETE FROM audit.quarantine;
		DELETE FROM mart.indicators; DELETE FROM mart.dropouts; DELETE FROM mart.unaccounted_children;
		DELETE FROM mart.school_term_bulletin; DELETE FROM mart.grade_flows; DELETE FROM mart.persuasion;
		DELETE FROM mart.handoff_status; DELETE FROM mart.data_quality; DELETE FROM core.enrolment;
		DELETE FROM core.population; DELETE FROM staging.roster; DELETE FROM mart.early_warning;
		DELETE FROM mart.early_warning_backtest; DELETE FROM mart.care_register; DELETE FROM mart.cases; DELETE FROM mart.followup_findings;`)
	d, err := LoadDashboard(context.Background(), db)
	if err != nil {
		t.Fatalf("LoadDashboard: %v", err)
	}
	if d.LatestTerm != nil || len(d.TermTotals) != 0 || len(d.Indicators) != 0 || d.Dropouts != nil {
		t.Errorf("empty warehouse: got %+v", d)
	}
	if d.Loads != (LoadSummary{}) {
		t.Errorf("Loads = %+v, want zero", d.Loads)
	}
	dir, site := buildSite(t, db)
	page := readFile(t, filepath.Join(dir, "public", "index.html"))
	if got := countOf(page, `class="chart"`); got != 0 {
		t.Errorf("charts on empty dashboard = %d, want 0", got)
	}
	for _, want := range []string{"暂无指标数据", "暂无在读数据", "暂无学期通报"} {
		if !contains(page, want) {
			t.Errorf("empty dashboard lacks %q", want)
		}
	}
	if len(site.Pages) != 15 {
		t.Errorf("empty site pages = %q", site.Pages)
	}
}
