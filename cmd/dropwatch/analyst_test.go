package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// Analysts' commands never fail while runs publish: `dropwatch sql -c` and
// `dropwatch export` (Parquet, CSV, xlsx) run in a loop in this process
// while three runs in another process rebuild and publish the warehouse.
func TestAnalystCommandsDuringPublish(t *testing.T) {
	root := t.TempDir()
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	wh := filepath.Join(root, "wh", "dw.duckdb")
	var done atomic.Bool
	runErr := make(chan error, 1)
	go func() {
		defer done.Store(true)
		for i := range 3 {
			if i == 1 {
				demoInboxExtra(t, filepath.Join(root, "inbox"))
			}
			cmd, lines := cliProcess(t, append(runArgs(root), "--full")...) // each run publishes
			for lines.Scan() {
			}
			if err := cmd.Wait(); err != nil {
				runErr <- fmt.Errorf("run %d: %w", i, err)
				return
			}
		}
		runErr <- nil
	}()
	var ops, failures int
	var problems []string
	formats := []string{"parquet", "csv", "xlsx"}
	for i := 0; !done.Load(); i++ {
		// --format is the spelling export uses too; --csv and --mode stay.
		spelling := [][]string{{"--format", "csv"}, {"--csv"}, {"--mode", "csv"}}[i%3]
		code, out, errOut := runCLI(t, append(append([]string{"sql", "--warehouse", wh}, spelling...), "-c",
			"SELECT count(*) FROM mart.indicators; SELECT sum(enrolled) FROM mart.school_term_enrolment")...)
		ops++
		if code != 0 || strings.Count(out, "\n") != 4 {
			failures++
			problems = append(problems, "sql: "+errOut+out)
		}
		dir := filepath.Join(root, "export", fmt.Sprint(i))
		code, _, errOut = runCLI(t, "export", "--warehouse", wh, "--to", dir, "--format", formats[i%3])
		ops++
		if code != 0 {
			failures++
			problems = append(problems, "export: "+errOut)
		}
		os.RemoveAll(dir)
	}
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
	if failures != 0 || ops < 10 {
		t.Errorf("%d commands, %d failures: %v", ops, failures, problems)
	}
	t.Logf("%d sql and export commands during 3 publishes, %d failures", ops, failures)
}

// explain, sql and export refuse politely when there is no warehouse yet.
func TestAnalystCommandsWithoutWarehouse(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "none.duckdb")
	for _, args := range [][]string{
		{"sql", "--warehouse", wh, "-c", "SELECT 1"},
		{"export", "--warehouse", wh, "--to", t.TempDir()},
		{"explain", "primary_dropout", "--year", "2025", "--warehouse", wh},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 1 || !strings.Contains(errOut, "dropwatch run") {
			t.Errorf("%v: code %d, %q", args, code, errOut)
		}
	}
}
