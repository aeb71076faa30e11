package schedules

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"

	"dropwatch/pipeline"
)

// Trigger kinds, as the history records them.
const (
	KindSchedule = "schedule"
	KindCatchUp  = "catch-up"
	KindManual   = "manual"
)

// Trigger says why a job runs now.
type Trigger struct {
	Kind      string
	Scheduled time.Time // the calendar time the run is for; now for manual runs
	// Stop is closed when the daemon begins to stop: no attempt starts
	// after that, and a back-off wait ends. Nil for `dropwatch jobs run`.
	Stop <-chan struct{}
}

// ErrSkipped means the job was still running (or waiting to run) when it
// was triggered again; the trigger is recorded and dropped.
var ErrSkipped = errors.New("任务仍在运行，本次触发已跳过 / the job is still running: this trigger is skipped")

// Back-off between attempts: Backoff, then three times longer each time,
// never more than MaxBackoff.
const (
	DefaultBackoff = 10 * time.Minute
	MaxBackoff     = 2 * time.Hour
)

// Runner runs jobs and records them in the history. The daemon and
// `dropwatch jobs run` both go through Run. Within one process jobs run one
// at a time (they all take the warehouse's run lock); a job of a name that
// is running or waiting is not started twice.
type Runner struct {
	Config  pipeline.Config
	SQL     fs.FS // the model files
	Log     *slog.Logger
	Clock   Clock
	History *pipeline.History
	Backoff time.Duration // the first retry's delay
	// Pipeline runs the pipeline once. NewRunner sets it to a
	// pipeline.Run over Config and SQL; tests replace it.
	Pipeline func(ctx context.Context) (*pipeline.Result, error)
	// Events, when set, hears the events of every pipeline run the
	// default Pipeline makes (dropwatch serve --events).
	Events func(pipeline.Event)

	loc    *time.Location
	sem    chan struct{}
	mu     sync.Mutex
	active map[string]bool
}

// NewRunner makes the runner for a configuration. The history lives beside
// the warehouse (pipeline.HistoryPath).
func NewRunner(cfg pipeline.Config, sqlFS fs.FS, log *slog.Logger) (*Runner, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	r := &Runner{
		Config:  cfg,
		SQL:     sqlFS,
		Log:     log,
		Clock:   SystemClock,
		History: &pipeline.History{Path: pipeline.HistoryPath(cfg.Paths.Warehouse)},
		Backoff: DefaultBackoff,
		loc:     loc,
		sem:     make(chan struct{}, 1),
		active:  map[string]bool{},
	}
	r.Pipeline = r.execute
	return r, nil
}

func (r *Runner) execute(ctx context.Context) (*pipeline.Result, error) {
	run := &pipeline.Run{Config: r.Config, SQL: r.SQL, Log: r.Log, Now: r.Clock.Now, Events: r.Events}
	return run.Execute(ctx)
}

// now is the clock's time in the calendar's location, to the millisecond
// (the precision the history keeps).
func (r *Runner) now() time.Time { return r.Clock.Now().In(r.loc).Truncate(time.Millisecond) }

// Run runs a job: it waits for the jobs before it, tries it, retries it
// with back-off when it fails (at most job.Retries times; failing data
// tests are not retried) and records start, retries and end in the
// history. It returns the end event and the job's error. Cancelling ctx
// abandons the job: the pipeline stops and publishes nothing. When the
// job never started (trigger.Stop closed while it waited) nothing is
// recorded, so catch-up runs it at the next start.
func (r *Runner) Run(ctx context.Context, job Job, t Trigger) (pipeline.HistoryEvent, error) {
	if !r.claim(job.Name) {
		return r.skip(job, t), ErrSkipped
	}
	defer r.unclaim(job.Name)
	if err := r.acquire(ctx, t.Stop); err != nil {
		r.Log.Info("job not started", "job", job.Name, "reason", err)
		return pipeline.HistoryEvent{}, err
	}
	start := r.begin(job, t)
	for attempt := 1; ; attempt++ {
		out, err := r.attempt(ctx, job, t)
		r.release()
		if err == nil || attempt > job.Retries || !retryable(err) {
			return r.finish(start, attempt, out, r.abandoned(ctx, err))
		}
		wait := r.backoff(attempt)
		r.retry(start, attempt, err, wait)
		if werr := sleep(ctx, t.Stop, r.Clock, wait); werr != nil {
			return r.finish(start, attempt, out, fmt.Errorf("%w; last error: %w", werr, err))
		}
		if werr := r.acquire(ctx, t.Stop); werr != nil {
			return r.finish(start, attempt, out, fmt.Errorf("%w; last error: %w", werr, err))
		}
	}
}

func (r *Runner) claim(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.active[name] {
		return false
	}
	r.active[name] = true
	return true
}

func (r *Runner) unclaim(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.active, name)
}

// acquire waits for the jobs before this one.
func (r *Runner) acquire(ctx context.Context, stop <-chan struct{}) error {
	select {
	case <-stop: // a stop that came first wins over a free turn
		return errStopped
	default:
	}
	select {
	case r.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return errStopped
	}
}

func (r *Runner) release() { <-r.sem }

func (r *Runner) backoff(attempt int) time.Duration {
	d := r.Backoff
	for i := 1; i < attempt && d < MaxBackoff; i++ {
		d *= 3
	}
	return min(d, MaxBackoff)
}

// retryable tells failures worth another try (a run in progress, a full
// disk, a locked file) from those that would fail the same way again.
func retryable(err error) bool {
	var tests *pipeline.TestsFailedError
	return !errors.As(err, &tests) && !errors.Is(err, context.Canceled) &&
		!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, errStopped)
}

// abandoned marks an error caused by cancelling the job.
func (r *Runner) abandoned(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("已放弃：服务停止时任务未完成，未发布任何内容 / abandoned: the service stopped before the job finished, nothing was published: %w", err)
	}
	return err
}

func newRunID(t time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return t.Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}

// begin records the start of a run.
func (r *Runner) begin(job Job, t Trigger) pipeline.HistoryEvent {
	now := r.now()
	ev := pipeline.HistoryEvent{Event: pipeline.EventStart, Run: newRunID(now), Job: job.Name, Trigger: t.Kind,
		Scheduled: t.Scheduled.In(r.loc).Truncate(time.Millisecond), Started: now, PID: os.Getpid(), Boot: bootID()}
	r.Log.Info("job start", "job", job.Name, "trigger", t.Kind, "scheduled", ev.Scheduled.Format(time.DateTime), "run", ev.Run)
	r.record(ev)
	return ev
}

// retry records a failed attempt that will be tried again.
func (r *Runner) retry(start pipeline.HistoryEvent, attempt int, err error, wait time.Duration) {
	ev := start
	ev.Event, ev.Attempt, ev.Error, ev.PID, ev.Boot = pipeline.EventRetry, attempt, err.Error(), 0, ""
	r.Log.Warn("job retry", "job", start.Job, "attempt", attempt, "wait", wait, "err", err)
	r.record(ev)
}

// finish records the end of a run.
func (r *Runner) finish(start pipeline.HistoryEvent, attempts int, out outcome, err error) (pipeline.HistoryEvent, error) {
	end := r.now()
	ev := start
	ev.Event, ev.Ended, ev.Attempt, ev.PID, ev.Boot = pipeline.EventEnd, &end, attempts, 0, ""
	ev.Files, ev.PipelineRun, ev.Detail = out.files, out.pipelineRun, out.detail
	ev.Outcome = pipeline.OutcomeOK
	if err != nil {
		ev.Outcome, ev.Error = pipeline.OutcomeFailed, err.Error()
		r.Log.Error("job failed", "job", start.Job, "attempts", attempts, "err", err)
	} else {
		r.Log.Info("job done", "job", start.Job, "attempts", attempts, "detail", out.detail)
	}
	r.record(ev)
	return ev, err
}

// skip records a trigger dropped because the job is still running.
func (r *Runner) skip(job Job, t Trigger) pipeline.HistoryEvent {
	now := r.now()
	ev := pipeline.HistoryEvent{Event: pipeline.EventEnd, Run: newRunID(now), Job: job.Name, Trigger: t.Kind,
		Scheduled: t.Scheduled.In(r.loc).Truncate(time.Millisecond), Started: now, Ended: &now, Outcome: pipeline.OutcomeSkipped,
		Error: ErrSkipped.Error()}
	r.Log.Warn("job skipped", "job", job.Name, "scheduled", ev.Scheduled.Format(time.DateTime), "reason", "still running")
	r.record(ev)
	return ev
}

// record appends to the history; a history that cannot be written is
// logged, and the job goes on.
func (r *Runner) record(ev pipeline.HistoryEvent) {
	if err := r.History.Append(ev); err != nil {
		r.Log.Error("history not written", "job", ev.Job, "event", ev.Event, "err", err)
	}
}
