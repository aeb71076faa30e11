package schedules

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"dropwatch/pipeline"
	"dropwatch/pipeline/ingest"
)

var shanghai = mustLoc("Asia/Shanghai")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time in Shanghai.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, shanghai)
}

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and fires the timers that came due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// waitTimers waits (in real time, briefly) until n timers are pending.
func (c *fakeClock) waitTimers(t *testing.T, n int) {
	t.Helper()
	eventually(t, "pending timers", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.waiters) >= n
	})
}

// eventually polls cond for up to five seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// fakePipeline stands in for a pipeline run: it reports each call on
// started, fails with the next error of errs, and when hold is set waits
// for release (or for its context to end).
type fakePipeline struct {
	mu      sync.Mutex
	calls   int
	errs    []error
	hold    bool
	started chan int
	release chan struct{}
}

func newFakePipeline() *fakePipeline {
	return &fakePipeline{started: make(chan int, 16), release: make(chan struct{})}
}

func (f *fakePipeline) run(ctx context.Context) (*pipeline.Result, error) {
	f.mu.Lock()
	f.calls++
	n, hold := f.calls, f.hold
	var err error
	if n <= len(f.errs) {
		err = f.errs[n-1]
	}
	f.mu.Unlock()
	f.started <- n
	if hold {
		select {
		case <-f.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return &pipeline.Result{RunID: "fake", Files: []ingest.Result{{Outcome: "loaded"}, {Outcome: "skipped_duplicate"}}}, nil
}

func (f *fakePipeline) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// testRunner is a runner over a temporary warehouse folder with a fake
// clock and a fake pipeline.
func testRunner(t *testing.T, now time.Time) (*Runner, *fakeClock, *fakePipeline) {
	t.Helper()
	dir := t.TempDir()
	cfg := pipeline.Defaults()
	cfg.Paths = pipeline.Paths{Inbox: filepath.Join(dir, "inbox"), Warehouse: filepath.Join(dir, "wh", "dw.duckdb"), Out: filepath.Join(dir, "out")}
	r, err := NewRunner(cfg, nil, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	clock, pipe := newFakeClock(now), newFakePipeline()
	r.Clock, r.Pipeline = clock, pipe.run
	return r, clock, pipe
}

// calendar is the built-in calendar.
func calendar(t *testing.T) []Job {
	t.Helper()
	jobs, err := Load(pipeline.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	return jobs
}

func job(t *testing.T, name string) Job {
	t.Helper()
	j, err := Find(calendar(t), name)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// ends returns the end events of the history.
func ends(t *testing.T, r *Runner) []pipeline.HistoryEvent {
	t.Helper()
	events, err := r.History.Read()
	if err != nil {
		t.Fatal(err)
	}
	var out []pipeline.HistoryEvent
	for _, ev := range events {
		if ev.Finished() {
			out = append(out, ev)
		}
	}
	return out
}

// record appends a finished run to the history.
func record(t *testing.T, r *Runner, job string, scheduled time.Time, outcome pipeline.RunOutcome) {
	t.Helper()
	end := scheduled.Add(time.Minute)
	ev := pipeline.HistoryEvent{Event: pipeline.EventEnd, Run: job + scheduled.String(), Job: job, Trigger: KindSchedule,
		Scheduled: scheduled, Started: scheduled, Ended: &end, Outcome: outcome}
	if err := r.History.Append(ev); err != nil {
		t.Fatal(err)
	}
}

// writeWarehouse makes a small real DuckDB file at path holding one table
// with the given label, so backups (which read every block) accept it.
func writeWarehouse(t *testing.T, path, label string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	os.Remove(path)
	db, err := sql.Open("duckdb", path)
	must(t, err)
	_, err = db.Exec("CREATE TABLE published AS SELECT ? AS label", label)
	must(t, err)
	must(t, db.Close())
}
