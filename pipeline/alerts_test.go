package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A scheduled job whose latest run failed is named in the footer of the
// published pages; once a later run of it succeeds, the warning goes.
func TestFailedJobShowsInFooter(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if err := os.MkdirAll(filepath.Dir(r.Config.Paths.Warehouse), 0o755); err != nil {
		t.Fatal(err)
	}
	h := &History{Path: HistoryPath(r.Config.Paths.Warehouse)}
	at := time.Date(2026, 1, 14, 22, 30, 0, 0, time.UTC)
	end := at.Add(time.Minute)
	fail := HistoryEvent{Event: EventEnd, Run: "a", Job: "nightly", Scheduled: at, Started: at, Ended: &end,
		Outcome: OutcomeFailed, Error: "数据测试未通过"}
	if err := h.Append(fail); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	page := readPage(t, r)
	if !strings.Contains(page, "计划任务「nightly」") || !strings.Contains(page, "数据测试未通过") {
		t.Error("the failed job is not in the dashboard's footer")
	}
	ok := fail
	ok.Run, ok.Outcome, ok.Error = "b", OutcomeOK, ""
	if err := h.Append(ok); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(readPage(t, r), "计划任务「nightly」") {
		t.Error("the warning stayed after the job succeeded")
	}
}

func readPage(t *testing.T, r *Run) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.Config.Paths.Out, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
