package schedules

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch"
	"dropwatch/pipeline"
)

// docsQuery returns the statements docs/operations.md gives for reading
// the history, on the history at path.
func docsQuery(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "operations.md"))
	must(t, err)
	_, block, ok := strings.Cut(string(b), "```sql\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("docs/operations.md has no sql block")
	}
	block = strings.ReplaceAll(block, "/srv/dropwatch/warehouse/history.jsonl", path)
	var out []string
	for _, stmt := range strings.Split(block, ";") {
		if strings.TrimSpace(stmt) != "" {
			out = append(out, stmt)
		}
	}
	return out
}

// The history survives a torn last line and DuckDB reads it as a table of
// runs with typed times.
func TestHistoryReadableByDuckDB(t *testing.T) {
	r, clock, _ := testRunner(t, at(2026, 1, 15, 22, 30))
	_, err := r.Run(context.Background(), job(t, "nightly"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	must(t, err)
	f, err := os.OpenFile(r.History.Path, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	f.WriteString(`{"event":"start","run":"cut`) // a power cut mid-line
	f.Close()
	record(t, r, "backup", at(2026, 1, 15, 23, 45), pipeline.OutcomeOK)
	events, err := r.History.Read()
	if err != nil || len(events) != 3 {
		t.Fatalf("read after a torn line: %v %+v", err, events)
	}
	db, err := sql.Open("duckdb", "")
	must(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1) // SET and the view belong to the connection
	stmts := docsQuery(t, r.History.Path)
	for _, stmt := range stmts[:len(stmts)-1] {
		_, err := db.Exec(stmt)
		must(t, err)
	}
	rows, err := db.Query(stmts[len(stmts)-1])
	must(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var job, trigger, outcome string
		var scheduled, started time.Time
		var ended sql.NullTime
		var files sql.NullInt64
		var errText sql.NullString
		must(t, rows.Scan(&job, &trigger, &scheduled, &started, &ended, &outcome, &files, &errText))
		got = append(got, fmt.Sprintf("%s %s %s files=%v error=%v", job, outcome,
			scheduled.In(shanghai).Format("2006-01-02 15:04"), files.Int64, errText.Valid))
	}
	must(t, rows.Err())
	want := "backup ok 2026-01-15 23:45 files=0 error=false|nightly ok 2026-01-15 22:30 files=1 error=false"
	if strings.Join(got, "|") != want {
		t.Errorf("DuckDB rows:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}

// Backups are dated, pruned to the newest keep, and wait for no one: a run
// in progress makes the backup fail with ErrBusy (and be retried).
func TestBackupKeepsNewest(t *testing.T) {
	dir := t.TempDir()
	wh := &pipeline.Warehouse{Path: filepath.Join(dir, "dw.duckdb")}
	backups := filepath.Join(dir, "backups")
	if _, err := wh.Backup(backups, 2, at(2026, 1, 1, 23, 45)); err == nil {
		t.Error("backup without a published warehouse succeeded")
	}
	writeWarehouse(t, wh.Path, "v1")
	for day := 1; day <= 4; day++ {
		if _, err := wh.Backup(backups, 2, at(2026, 1, day, 23, 45)); err != nil {
			t.Fatal(err)
		}
	}
	must(t, os.WriteFile(filepath.Join(backups, "notes.txt"), nil, 0o644))
	got, err := wh.Backups(backups)
	if err != nil || len(got) != 2 || filepath.Base(got[0]) != "dw-20260103.duckdb" || filepath.Base(got[1]) != "dw-20260104.duckdb" {
		t.Fatalf("backups: %v %v", got, err)
	}
	work, err := wh.Begin("run1")
	must(t, err)
	defer work.Close()
	if _, err := wh.Backup(backups, 2, at(2026, 1, 5, 23, 45)); !errors.Is(err, pipeline.ErrBusy) {
		t.Errorf("backup during a run: %v", err)
	}
}

// The handoff check publishes (runs the pipeline), then counts the misses
// of the cohort whose deadlines just passed into the history.
func TestHandoffCheckCountsMisses(t *testing.T) {
	r, _, _ := testRunner(t, at(2026, 8, 11, 6, 0))
	must(t, os.MkdirAll(filepath.Dir(r.Config.Paths.Warehouse), 0o755))
	db, err := sql.Open("duckdb", r.Config.Paths.Warehouse)
	must(t, err)
	_, err = db.Exec(`CREATE SCHEMA mart;
		CREATE TABLE mart.handoff_status AS SELECT * FROM (VALUES
			(2025, '逾期未办', '逾期未办', '未到期'),
			(2025, '按时', '逾期未办', '未到期'),
			(2024, '逾期未办', '逾期未办', '逾期未办'))
			t(school_year, file_status, notice_to_school_status, notice_to_parent_status)`)
	must(t, err)
	misses, err := fs.ReadFile(dropwatch.SQL(), "mart/handoff_misses.sql")
	must(t, err)
	_, err = db.Exec(string(misses))
	must(t, err)
	must(t, db.Close())
	ev, err := r.Run(context.Background(), job(t, "handoff_check"), Trigger{Kind: KindSchedule, Scheduled: at(2026, 8, 11, 6, 0)})
	if err != nil || !strings.Contains(ev.Detail, "school year 2025: files 1, notices to school 2, notices to parents 0") {
		t.Errorf("handoff check: %v %q", err, ev.Detail)
	}
	for _, c := range []struct {
		t    time.Time
		want int
	}{{at(2026, 7, 11, 6, 0), 2025}, {at(2026, 7, 10, 23, 0), 2024}, {at(2026, 1, 5, 0, 0), 2024}, {at(2026, 12, 1, 0, 0), 2025}} {
		if got := handoffCohort(c.t); got != c.want {
			t.Errorf("cohort at %v: %d, want %d", c.t, got, c.want)
		}
	}
}
