package schedules

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline"
	"dropwatch/pipeline/models"
)

type runResult struct {
	ev  pipeline.HistoryEvent
	err error
}

func runAsync(r *Runner, j Job, t Trigger) chan runResult {
	done := make(chan runResult, 1)
	go func() {
		ev, err := r.Run(context.Background(), j, t)
		done <- runResult{ev, err}
	}()
	return done
}

// A second trigger of a job while it runs is skipped and recorded; a job
// of another name waits its turn instead.
func TestSkippedWhileStillRunning(t *testing.T) {
	r, clock, pipe := testRunner(t, at(2026, 3, 1, 6, 0))
	pipe.hold = true
	first := runAsync(r, job(t, "monthly_school_report"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	<-pipe.started
	ev, err := r.Run(context.Background(), job(t, "monthly_school_report"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	if !errors.Is(err, ErrSkipped) || ev.Outcome != pipeline.OutcomeSkipped {
		t.Fatalf("second trigger: %v %+v", err, ev)
	}
	other := runAsync(r, job(t, "nightly"), Trigger{Kind: KindManual, Scheduled: clock.Now()})
	// Once nightly has claimed its name it is past every check but the
	// turn the first job holds: from then on it can only wait, so the
	// count below is read at a known point, not after a guessed sleep.
	eventually(t, "nightly claimed", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.active["nightly"]
	})
	if n := pipe.Calls(); n != 1 {
		t.Fatalf("another job started while the first ran: %d calls", n)
	}
	close(pipe.release)
	for _, ch := range []chan runResult{first, other} {
		if res := <-ch; res.err != nil || res.ev.Outcome != pipeline.OutcomeOK {
			t.Errorf("run: %v %+v", res.err, res.ev)
		}
	}
	got := ends(t, r)
	if len(got) != 3 || got[0].Outcome != pipeline.OutcomeSkipped || got[0].Job != "monthly_school_report" {
		t.Fatalf("history: %+v", got)
	}
	if got[1].Files == nil || *got[1].Files != 1 || got[1].PipelineRun != "fake" {
		t.Errorf("files loaded not recorded: %+v", got[1])
	}
}

// A failing step is retried after the back-off; the run ends ok on the
// second attempt, with the failure in the history.
func TestRetryAfterFailingStep(t *testing.T) {
	r, clock, pipe := testRunner(t, at(2026, 3, 1, 22, 30))
	pipe.errs = []error{pipeline.ErrBusy}
	done := runAsync(r, job(t, "nightly"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	clock.waitTimers(t, 1)
	clock.Advance(DefaultBackoff - time.Second)
	if pipe.Calls() != 1 {
		t.Fatal("retried before the back-off ended")
	}
	clock.Advance(time.Second)
	res := <-done
	if res.err != nil || res.ev.Outcome != pipeline.OutcomeOK || res.ev.Attempt != 2 {
		t.Fatalf("after retry: %v %+v", res.err, res.ev)
	}
	events, _ := r.History.Read()
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.Event)
	}
	if strings.Join(kinds, ",") != "start,retry,end" || !strings.Contains(events[1].Error, "another run") {
		t.Errorf("history: %v %+v", kinds, events)
	}
	if !res.ev.Ended.Equal(at(2026, 3, 1, 22, 40)) {
		t.Errorf("ended %v", res.ev.Ended)
	}
}

// Retries are bounded and back off 10, 30 minutes; then the job is left
// failed with its error. Failing data tests are not retried.
func TestFailedAfterBoundedRetries(t *testing.T) {
	r, clock, pipe := testRunner(t, at(2026, 3, 1, 22, 30))
	disk := errors.New("no space left on device")
	pipe.errs = []error{disk, disk, disk}
	done := runAsync(r, job(t, "nightly"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	for _, wait := range []time.Duration{10 * time.Minute, 30 * time.Minute} {
		clock.waitTimers(t, 1)
		clock.Advance(wait)
	}
	res := <-done
	if !errors.Is(res.err, disk) || res.ev.Outcome != pipeline.OutcomeFailed || res.ev.Attempt != 3 || pipe.Calls() != 3 {
		t.Fatalf("after retries: %v %+v, %d calls", res.err, res.ev, pipe.Calls())
	}
	if !strings.Contains(res.ev.Error, "no space") {
		t.Errorf("error not in history: %q", res.ev.Error)
	}
	pipe.errs = append(pipe.errs, &pipeline.TestsFailedError{Failed: []models.TestResult{{Test: "x", Failures: 1}}})
	_, err := r.Run(context.Background(), job(t, "nightly"), Trigger{Kind: KindManual, Scheduled: clock.Now()})
	var tf *pipeline.TestsFailedError
	if !errors.As(err, &tf) || pipe.Calls() != 4 {
		t.Errorf("data tests failure retried or lost: %v, %d calls", err, pipe.Calls())
	}
}

// A nightly run that finds nothing new ends ok and says so in the history,
// with no pipeline run published.
func TestNothingNewInHistory(t *testing.T) {
	r, clock, _ := testRunner(t, at(2026, 3, 1, 22, 30))
	r.Pipeline = func(context.Context) (*pipeline.Result, error) {
		return &pipeline.Result{RunID: "noop", Unchanged: true}, nil
	}
	ev, err := r.Run(context.Background(), job(t, "nightly"), Trigger{Kind: KindSchedule, Scheduled: clock.Now()})
	if err != nil || ev.Outcome != pipeline.OutcomeOK {
		t.Fatalf("run: %v %+v", err, ev)
	}
	got := ends(t, r)
	if len(got) != 1 || got[0].Detail != pipeline.NothingNew || got[0].PipelineRun != "" || got[0].Files == nil || *got[0].Files != 0 {
		t.Errorf("history: %+v, want the nothing-new detail and no pipeline run", got)
	}
}
