package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch"
)

// The fixture town: two villages, three schools, one roster file per
// school term. Expected figures are derived by hand below.
var fixtureFiles = map[string]string{
	"村居名录.csv": "村代码,村名称,包村干部,包村干部电话\n" +
		"430521101201,青山村,王建国,13807390001\n" +
		"430521101202,白水村,李秀兰,13807390002\n",
	// 2143052199 names village ...299, which is not in the directory: the
	// school is quarantined at build time, and so its roster rows are.
	"学校名录.csv": "学校标识码,学校名称★,学段,所在村代码,附设学前班\n" +
		"2143052103,示范镇中心小学,小学,430521101201,否\n" +
		"2143052106,示范镇中学,初中,430521101202,否\n" +
		"2143052199,无名小学,小学,430521101299,否\n",
	// Primary, term 1: rows 2-4 在读; row 5 休学; row 6 a broken identity
	// number (check digit) -> quarantined; row 7 repeats row 2's child
	// (kept: row 7, 在读). 在读 children: 0114, 0228, 0335 -> 3.
	"名册_小学_2025_1.csv": "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级,学籍状态\n" +
		"2025-2026,第一学期,2143052103,赵子涵,男,2019-08-31,430521201908310114,一年级,1班,在读\n" +
		"2025-2026,第一学期,2143052103,钱欣怡,2,2016/3/7,430521201603070228,四年级,2,在读\n" +
		"2025-2026,1,2143052103,孙浩然,1,20120511,430521201205110335,六年级,1,\n" +
		"2025-2026,秋季,2143052103,李雨桐,女,2011-12-01,43052120111201044x,5,1,休学\n" +
		"2025-2026,第一学期,2143052103,周一诺,女,2019-02-14,430521201902140553,一年级,1,在读\n" +
		"2025-2026,第一学期,2143052103,赵子涵,男,2019-08-31,430521201908310114,一年级,2班,在读\n",
	// Junior, term 1: two 在读 pupils, one with a passport (other document
	// type, counted by type and number).
	"名册_中学_2025_1.csv": "学年,学期,学校标识码,姓名,性别,出生日期,身份证件类型,身份证件号,年级,班级\n" +
		"2025,1,2143052106,何明轩,男,2011-02-02,1,430521201102020126,初二,1\n" +
		"2025,1,2143052106,陈思彤,女,2012-06-01,6,H12345678,七年级,1\n",
	// The quarantined school's roster: its row names an unknown school.
	"名册_无名_2025_1.csv": "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n" +
		"2025,1,2143052199,吴俊杰,男,2016-09-09,430521201609090666,三年级,1\n",
	// Not an input kind at all.
	"说明.csv": "备注\n请查收\n",
}

func writeFixture(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range fixtureFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func testRun(t *testing.T, root string) *Run {
	t.Helper()
	cfg := Defaults()
	cfg.Paths = Paths{
		Inbox:     filepath.Join(root, "inbox"),
		Warehouse: filepath.Join(root, "wh", "dropwatch.duckdb"),
		Out:       filepath.Join(root, "out"),
	}
	cfg.DuckDB.MemoryLimit = "1GB"
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return &Run{
		Config: cfg,
		SQL:    dropwatch.SQL(),
		Log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:    func() time.Time { clock = clock.Add(time.Second); return clock },
	}
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := openDB(path, DuckDB{}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInts(t *testing.T, db *sql.DB, q string) []int64 {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

func TestRunFixtureTown(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	inbox := snapshot(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	res, err := r.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(inbox, snapshot(t, filepath.Join(root, "inbox"))); len(d) > 0 {
		t.Errorf("the run changed input files: %v", d)
	}
	db := openRO(t, r.Config.Paths.Warehouse)

	// 在读 per school: primary 3 (see fixture), junior 2; the unnamed
	// school is not in the directory, so it has no row.
	got := queryInts(t, db, `SELECT enrolled FROM mart.school_term_enrolment ORDER BY school_code`)
	if want := []int64{3, 2}; !equal(got, want) {
		t.Errorf("enrolled = %v, want %v", got, want)
	}
	// Files: 2 directories + 3 rosters loaded; 说明.csv rejected (no header).
	outcomes := queryInts(t, db, `SELECT count(*) FROM audit.loads GROUP BY outcome ORDER BY outcome`)
	if want := []int64{5, 1}; !equal(outcomes, want) { // loaded, rejected
		t.Errorf("outcomes = %v, want %v", outcomes, want)
	}
	// Quarantined rows: the broken id (primary row 6), the school with an
	// unknown village (directory row 4), the roster row of that school.
	q := queryInts(t, db, `SELECT row_number FROM audit.quarantine ORDER BY file_name, row_number`)
	if want := []int64{6, 2, 4}; !equal(q, want) { // 名册_小学 < 名册_无名 < 学校名录 in byte order
		t.Errorf("quarantined rows = %v, want %v", q, want)
	}
	dups := queryInts(t, db, `SELECT row_number FROM audit.duplicates`)
	if want := []int64{2}; !equal(dups, want) {
		t.Errorf("duplicate rows = %v, want %v", dups, want)
	}
	if res.Index == "" {
		t.Fatal("no report index")
	}
	if _, err := os.Stat(res.Index); err != nil {
		t.Errorf("report index: %v", err)
	}
}

func TestSecondRunLoadsNothing(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := martChecksum(t, r.Config.Paths.Warehouse)
	r.Full = true // a rebuild, so the loader meets every file again
	res, err := r.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged || len(res.Files) == 0 {
		t.Fatalf("--full run: unchanged %v, %d files", res.Unchanged, len(res.Files))
	}
	for _, f := range res.Files {
		// The rejected non-input file is retried (a newer version may read
		// it); every loaded file is skipped.
		if f.Outcome != "skipped_duplicate" && f.File != "说明.csv" {
			t.Errorf("%s: outcome %s, want skipped_duplicate", f.File, f.Outcome)
		}
	}
	if after := martChecksum(t, r.Config.Paths.Warehouse); after != before {
		t.Errorf("marts changed: %s -> %s", before, after)
	}
}

func martChecksum(t *testing.T, path string) string {
	t.Helper()
	db := openRO(t, path)
	var sum string
	err := db.QueryRow(`SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR))
		FROM mart.school_term_enrolment t`).Scan(&sum)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return sum
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A missing inbox (a mistyped path, an unmounted share) stops the run with a
// reason in Chinese before anything is locked or created.
func TestMissingInboxLeavesNothing(t *testing.T) {
	root := t.TempDir()
	r := testRun(t, root)
	_, err := r.Execute(context.Background())
	if err == nil || !strings.Contains(err.Error(), "收件箱") {
		t.Fatalf("err = %v, want the missing inbox named in Chinese", err)
	}
	entries, _ := os.ReadDir(root)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if len(left) > 0 {
		t.Errorf("a failed run left %v behind", left)
	}
}

// inForce describes what a run put in force: the release the site links
// to, and the published warehouse file's identity and seal.
func inForce(t *testing.T, r *Run) string {
	t.Helper()
	rel, err := os.Readlink(filepath.Join(r.Config.Paths.Out, ".releases", "current"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(r.Config.Paths.Warehouse)
	if err != nil {
		t.Fatal(err)
	}
	seal, err := os.ReadFile(SealPath(r.Config.Paths.Warehouse))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s %d %d %s", rel, st.Size(), st.ModTime().UnixNano(), seal)
}

// A run with nothing new (same inbox, models, settings) publishes nothing
// and copies nothing; a new file, or --full, builds again.
func TestNothingNewPublishesNothing(t *testing.T) {
	root := t.TempDir()
	inbox := filepath.Join(root, "inbox")
	writeFixture(t, inbox)
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := inForce(t, r)
	res, err := r.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || len(res.Files) != 0 || res.Index == "" {
		t.Errorf("second run: unchanged %v, %d files, index %q; want a no-op", res.Unchanged, len(res.Files), res.Index)
	}
	if got := inForce(t, r); got != first {
		t.Errorf("a run with nothing new changed what is published:\n%s\n%s", first, got)
	}
	if left, _ := filepath.Glob(r.Config.Paths.Warehouse + ".work-*"); len(left) > 0 {
		t.Errorf("a no-op run made a working copy: %v", left)
	}

	// The same bytes written again (a clerk copying the folder anew) count
	// as a change of the inbox: the run goes through, loads nothing new.
	name := filepath.Join(inbox, "学校名录.csv")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err = r.Execute(context.Background()); err != nil || res.Unchanged {
		t.Fatalf("after a file was rewritten: unchanged %v, err %v", res != nil && res.Unchanged, err)
	}
	second := inForce(t, r)
	if second == first {
		t.Error("the run after a rewritten file published nothing")
	}
	if res, err = r.Execute(context.Background()); err != nil || !res.Unchanged {
		t.Fatalf("third run: want a no-op, err %v", err)
	}
	r.Full = true
	if res, err = r.Execute(context.Background()); err != nil || res.Unchanged {
		t.Fatalf("--full: unchanged %v, err %v", res != nil && res.Unchanged, err)
	}
	if inForce(t, r) == second {
		t.Error("--full published nothing")
	}
}

// The quality page lists the files the latest run skipped or rejected, once:
// re-runs over the same inbox do not pile them up (a nightly job would add
// every inbox file again each night).
func TestQualityPageListsTheLatestRunOnce(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	r.Full = true
	for i := 0; i < 3; i++ {
		if _, err := r.Execute(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(r.Config.Paths.Out, "public", "quality.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	// 村居名录.csv loads cleanly in the first run and is skipped in the
	// next two; 说明.csv has no header and is rejected each time.
	for file, want := range map[string]int{"村居名录.csv": 1, "说明.csv": 1} {
		if got := strings.Count(page, `<tr><td><code class="file">`+file+"</code><td>"); got != want {
			t.Errorf("%s has %d rows on the quality page, want %d", file, got, want)
		}
	}
}
