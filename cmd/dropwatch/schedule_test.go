package main

import (
	"bufio"
	"database/sql"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dropwatch/pipeline"
	"dropwatch/schedules"
)

// whereArgs are the folder flags of the process tests.
func whereArgs(root string) []string { return runArgs(root)[2:] }

// The jobs commands list the calendar, run a job through the daemon's
// code path and print the history.
func TestJobsCommands(t *testing.T) {
	root := t.TempDir()
	where := whereArgs(root)
	code, out, errOut := runCLI(t, append([]string{"jobs", "list"}, where...)...)
	if code != 0 || !strings.Contains(out, "nightly") || !strings.Contains(out, "22:30") || !strings.Contains(out, "从未运行") {
		t.Fatalf("jobs list: %d %s %s", code, out, errOut)
	}
	for _, sub := range []string{"list", "run", "history"} {
		if code, _, errOut := runCLI(t, "jobs", sub, "--help"); code != 0 || !strings.Contains(errOut, "dropwatch jobs "+sub) {
			t.Errorf("jobs %s --help: %d %q", sub, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, append([]string{"jobs", "run", "nosuch"}, where...)...); code == 0 || !strings.Contains(errOut, "没有名为") {
		t.Errorf("unknown job: %d %q", code, errOut)
	}
	// Nothing is published yet: the backup fails, and says so in the history.
	code, _, errOut = runCLI(t, append([]string{"jobs", "run", "backup", "--no-retry"}, where...)...)
	if code == 0 || !strings.Contains(errOut, "no published warehouse") {
		t.Errorf("backup before publishing: %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, append([]string{"jobs", "history"}, where...)...)
	if code != 0 || !strings.Contains(out, "backup") || !strings.Contains(out, "失败 / failed") || !strings.Contains(out, "read_json") {
		t.Errorf("jobs history: %d %s", code, out)
	}
}

// writeHistory records every job as done just now, except the nightly
// sweep, last done eight days ago: the server was off for a week.
func writeHistory(t *testing.T, root string) {
	t.Helper()
	jobs, err := schedules.Load(pipeline.Defaults())
	must(t, err)
	h := &pipeline.History{Path: pipeline.HistoryPath(filepath.Join(root, "wh", "dw.duckdb"))}
	now := time.Now()
	for _, j := range jobs {
		at := now
		if j.Name == "nightly" {
			at = now.Add(-8 * 24 * time.Hour)
		}
		end := at.Add(time.Minute)
		must(t, h.Append(pipeline.HistoryEvent{Event: pipeline.EventEnd, Run: "old-" + j.Name, Job: j.Name,
			Trigger: schedules.KindSchedule, Scheduled: at, Started: at, Ended: &end, Outcome: pipeline.OutcomeOK}))
	}
}

// waitFor reads the log until a line contains every part, and returns it.
func waitFor(t *testing.T, lines *bufio.Scanner, parts ...string) string {
	t.Helper()
	for lines.Scan() {
		line := lines.Text()
		found := true
		for _, p := range parts {
			found = found && strings.Contains(line, p)
		}
		if found {
			return line
		}
	}
	t.Fatalf("log ended before a line with %q", parts)
	return ""
}

// The daemon is killed (SIGKILL) during its catch-up run: nothing
// published changes; the next start records the run as failed
// (interrupted), catches up once, publishes a warehouse that opens and
// holds the new file, serves the public site, and stops on SIGTERM.
func TestServeKilledDuringScheduledRun(t *testing.T) {
	root := t.TempDir()
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	demoInboxExtra(t, filepath.Join(root, "inbox"))
	writeHistory(t, root)
	before := state(t, root)
	serve := append([]string{"serve", "--grace", "5s"}, whereArgs(root)...)
	if !killAt(t, "build", serve...) {
		t.Fatal("the catch-up run finished before the kill")
	}
	if state(t, root) != before {
		t.Fatal("killed run changed what was published")
	}
	cmd, lines := cliProcess(t, append(serve, "--http", "127.0.0.1:0")...)
	watchdog := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() }) // a missing log line fails, never hangs
	defer func() {
		watchdog.Stop()
		cmd.Process.Kill() // a failed test leaves no daemon behind; after Wait this does nothing
	}()
	waitFor(t, lines, "interrupted run recorded as failed", "job=nightly")
	addr := field(waitFor(t, lines, "msg=http"), "addr=")
	done := waitFor(t, lines, "job=nightly attempts=") // job done or job failed
	if !strings.Contains(done, `msg="job done"`) {
		t.Fatalf("catch-up run: %s", done)
	}
	resp, err := http.Get("http://" + addr + "/")
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("public site over http: %d", resp.StatusCode)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	go io.Copy(io.Discard, drain(lines))
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v", err)
	}
	checkCaughtUp(t, root)
	if state(t, root) == before {
		t.Error("the catch-up published nothing new")
	}
}

// field returns the value of key= in a log line.
func field(line, key string) string {
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, key); ok {
			return v
		}
	}
	return ""
}

// checkCaughtUp reads the history and the published warehouse after the
// restart.
func checkCaughtUp(t *testing.T, root string) {
	t.Helper()
	wh := filepath.Join(root, "wh", "dw.duckdb")
	events, err := (&pipeline.History{Path: pipeline.HistoryPath(wh)}).Read()
	must(t, err)
	var nightly []pipeline.HistoryEvent
	for _, r := range pipeline.Runs(events) {
		if r.Job == "nightly" && r.Trigger == schedules.KindCatchUp {
			nightly = append(nightly, r)
		}
	}
	if len(nightly) != 2 {
		t.Fatalf("catch-up runs of nightly: %+v", nightly)
	}
	killed, again := nightly[0], nightly[1]
	if killed.Outcome != pipeline.OutcomeFailed || !strings.Contains(killed.Error, "interrupted") {
		t.Errorf("killed run: %+v", killed)
	}
	if again.Outcome != pipeline.OutcomeOK || !again.Scheduled.Equal(killed.Scheduled) || again.Files == nil || *again.Files != 1 {
		t.Errorf("catch-up after restart: %+v", again)
	}
	if left, _ := filepath.Glob(wh + ".work-*"); len(left) > 0 {
		t.Errorf("working copies left: %v", left)
	}
	must(t, readOnce(wh))
	db, err := sql.Open("duckdb", wh+"?access_mode=READ_ONLY")
	must(t, err)
	defer db.Close()
	var n int
	must(t, db.QueryRow(`SELECT count(*) FROM raw.load_log WHERE file_name = 'zz_新到名册.csv'`).Scan(&n))
	if n != 1 {
		t.Errorf("the new file is in the load log %d times", n)
	}
	if _, err := os.Stat(filepath.Join(root, "out", "public", "index.html")); err != nil {
		t.Error(err)
	}
}
