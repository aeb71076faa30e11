package schedules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline"
)

func fmtTimes(ts []time.Time) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Format("2006-01-02 15:04 -0700"))
	}
	return strings.Join(out, ", ")
}

// Next times come from the injected clock, in Asia/Shanghai whatever zone
// the clock's time is in, across month and year boundaries.
func TestNextTimesAcrossMonthAndYear(t *testing.T) {
	utc := newFakeClock(time.Date(2025, 12, 30, 15, 0, 0, 0, time.UTC)) // 23:00 in Shanghai
	newYork := newFakeClock(time.Date(2026, 1, 30, 10, 0, 0, 0, mustLoc("America/New_York")))
	cases := []struct {
		job   string
		clock *fakeClock
		want  string
	}{
		{"nightly", utc, "2025-12-31 22:30 +0800, 2026-01-01 22:30 +0800, 2026-01-02 22:30 +0800"},
		{"monthly_school_report", utc, "2026-01-01 06:00 +0800, 2026-02-01 06:00 +0800, 2026-03-01 06:00 +0800"},
		{"monthly_school_report", newYork, "2026-02-01 06:00 +0800, 2026-03-01 06:00 +0800, 2026-04-01 06:00 +0800"},
		{"nightly", newYork, "2026-01-31 22:30 +0800, 2026-02-01 22:30 +0800, 2026-02-02 22:30 +0800"},
		// 上月考勤 on the 6th; none in September (August has no school days)
		{"monthly_attendance", utc, "2026-01-06 06:00 +0800, 2026-02-06 06:00 +0800, 2026-03-06 06:00 +0800"},
		{"monthly_attendance", newFakeClock(time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC)),
			"2026-08-06 06:00 +0800, 2026-10-06 06:00 +0800, 2026-11-06 06:00 +0800"},
		{"term_dropouts", utc, "2026-01-25 06:00 +0800, 2026-07-20 06:00 +0800, 2027-01-25 06:00 +0800"},
		{"semester_reports", utc, "2026-03-15 06:00 +0800, 2026-09-15 06:00 +0800, 2027-03-15 06:00 +0800"},
		{"handoff_check", utc, "2026-07-11 06:00 +0800, 2026-08-11 06:00 +0800, 2026-08-16 06:00 +0800"},
		{"backup", utc, "2025-12-30 23:45 +0800, 2025-12-31 23:45 +0800, 2026-01-01 23:45 +0800"},
	}
	for _, c := range cases {
		got := fmtTimes(job(t, c.job).NextTimes(c.clock.Now(), 3))
		if got != c.want {
			t.Errorf("%s from %s:\n got %s\nwant %s", c.job, c.clock.Now(), got, c.want)
		}
	}
	// The latest time passed, used by catch-up: a week off over New Year.
	last, ok := job(t, "monthly_school_report").Latest(at(2025, 12, 28, 9, 0), at(2026, 1, 4, 9, 0))
	if !ok || !last.Equal(at(2026, 1, 1, 6, 0)) {
		t.Errorf("latest monthly run: %v %v", last, ok)
	}
	if _, ok := job(t, "nightly").Latest(at(2026, 1, 4, 22, 30), at(2026, 1, 5, 22, 29)); ok {
		t.Error("nothing is due a minute before the next run")
	}
}

// The config's [[jobs]] override built-in jobs field by field, add jobs
// and disable jobs; mistakes are reported with the job's name.
func TestConfigOverridesCalendar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dropwatch.toml")
	body := `[[jobs]]
name = "nightly"
cron = ["0 21 * * 1-5"]

[[jobs]]
name = "backup"
disabled = true

[[jobs]]
name = "weekly_check"
cron = ["0 7 * * 1"]
action = "run"
catch_up = "skip"
description = "每周一早上 / Monday mornings"
`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := pipeline.LoadConfig(path, true)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Find(jobs, "backup"); err == nil {
		t.Error("disabled job still scheduled")
	}
	nightly, _ := Find(jobs, "nightly")
	if nightly.Action != ActionRun || nightly.Retries != 2 || !strings.Contains(nightly.Description, "22:30") {
		t.Errorf("override lost built-in fields: %+v", nightly)
	}
	// Friday 21:30 → next is Monday 21:00.
	if got := fmtTimes(nightly.NextTimes(at(2026, 1, 2, 21, 30), 1)); got != "2026-01-05 21:00 +0800" {
		t.Errorf("overridden nightly: %s", got)
	}
	weekly, err := Find(jobs, "weekly_check")
	if err != nil || weekly.CatchUp != CatchUpSkip {
		t.Errorf("added job: %+v %v", weekly, err)
	}
	bad := map[string]pipeline.JobConfig{
		"cron":       {Name: "nightly", Cron: []string{"61 22 * * *"}},
		"action":     {Name: "nightly", Action: "mail"},
		"缺少 cron":    {Name: "new_job"},
		"catch_up":   {Name: "nightly", CatchUp: "always"},
		"keep ≥ 1":   {Name: "extra_backup", Cron: []string{"0 1 * * *"}, Action: ActionBackup},
		"缺少 name":    {Cron: []string{"0 1 * * *"}},
		"retries 应在": {Name: "nightly", Retries: ptr(-1)},
	}
	for want, jc := range bad {
		cfg := pipeline.Defaults()
		cfg.Jobs = []pipeline.JobConfig{jc}
		if _, err := Load(cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want one mentioning %q", jc, err, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
