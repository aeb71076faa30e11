package schedules

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline"
)

// serve starts the daemon; stop cancels it and waits for Serve to return.
func serve(t *testing.T, d *Daemon) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Serve(ctx) }()
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
}

// A week off: the nightly sweep runs once at start, for the last missed
// time, and so does the backup; nothing else is due.
func TestOneCatchUpAfterWeekOff(t *testing.T) {
	r, _, pipe := testRunner(t, at(2026, 1, 15, 8, 0))
	record(t, r, "nightly", at(2026, 1, 7, 22, 30), pipeline.OutcomeOK)
	record(t, r, "backup", at(2026, 1, 7, 23, 45), pipeline.OutcomeOK)
	writeWarehouse(t, r.Config.Paths.Warehouse, "published")
	d := &Daemon{Runner: r, Jobs: calendar(t), Grace: time.Minute, noCron: true}
	stop := serve(t, d)
	eventually(t, "two catch-up runs", func() bool { return len(ends(t, r)) == 4 })
	stop()
	got := ends(t, r)[2:]
	if pipe.Calls() != 1 || len(got) != 2 {
		t.Fatalf("%d pipeline runs, runs %+v", pipe.Calls(), got)
	}
	want := map[string]time.Time{"nightly": at(2026, 1, 14, 22, 30), "backup": at(2026, 1, 14, 23, 45)}
	for _, ev := range got {
		if ev.Trigger != KindCatchUp || ev.Outcome != pipeline.OutcomeOK || !ev.Scheduled.Equal(want[ev.Job]) {
			t.Errorf("catch-up run: %+v", ev)
		}
	}
	backups, _ := (&pipeline.Warehouse{Path: r.Config.Paths.Warehouse}).Backups(BackupDir(r.Config))
	if len(backups) != 1 || !strings.HasSuffix(backups[0], "dw-20260115.duckdb") {
		t.Errorf("backups: %v", backups)
	}
	// Started again the same morning: nothing is due any more.
	if due, _ := r.Due(calendar(t)); len(due) != 0 {
		t.Errorf("due after catching up: %+v", due)
	}
}

// daemonWithRunningJob starts a daemon whose nightly catch-up is running
// (held by the fake pipeline).
func daemonWithRunningJob(t *testing.T) (*Runner, *fakeClock, *fakePipeline, func()) {
	r, clock, pipe := testRunner(t, at(2026, 1, 15, 8, 0))
	record(t, r, "nightly", at(2026, 1, 13, 22, 30), pipeline.OutcomeOK)
	pipe.hold = true
	j := job(t, "nightly")
	stop := serve(t, &Daemon{Runner: r, Jobs: []Job{j}, Grace: time.Minute, noCron: true})
	<-pipe.started
	return r, clock, pipe, stop
}

// SIGTERM during a job: the job gets the grace period to finish; past it
// the job is abandoned (its pipeline cancelled, nothing published) and
// recorded as failed, so the next start catches it up.
func TestStopDuringJob(t *testing.T) {
	t.Run("finishes within grace", func(t *testing.T) {
		r, clock, pipe, stop := daemonWithRunningJob(t)
		stopped := make(chan struct{})
		go func() { stop(); close(stopped) }()
		clock.waitTimers(t, 1) // the grace period
		close(pipe.release)
		<-stopped
		if got := ends(t, r); got[len(got)-1].Outcome != pipeline.OutcomeOK {
			t.Errorf("job finishing within grace: %+v", got[len(got)-1])
		}
	})
	t.Run("abandoned after grace", func(t *testing.T) {
		r, clock, _, stop := daemonWithRunningJob(t)
		stopped := make(chan struct{})
		go func() { stop(); close(stopped) }()
		clock.waitTimers(t, 1)
		clock.Advance(time.Minute)
		<-stopped
		last := ends(t, r)[len(ends(t, r))-1]
		if last.Outcome != pipeline.OutcomeFailed || !strings.Contains(last.Error, "abandoned") {
			t.Errorf("abandoned job: %+v", last)
		}
		if due, _ := r.Due([]Job{job(t, "nightly")}); len(due) != 1 {
			t.Errorf("abandoned job not due at next start: %+v", due)
		}
	})
}

// A start without an end whose process is gone is closed as failed
// (interrupted) at the next start; a run of a live process is left alone
// and its job is not caught up twice.
func TestInterruptedRunRecorded(t *testing.T) {
	r, _, _ := testRunner(t, at(2026, 1, 15, 8, 0))
	record(t, r, "nightly", at(2026, 1, 13, 22, 30), pipeline.OutcomeOK)
	dead := pipeline.HistoryEvent{Event: pipeline.EventStart, Run: "a", Job: "nightly", Trigger: KindSchedule,
		Scheduled: at(2026, 1, 14, 22, 30), Started: at(2026, 1, 14, 22, 30), PID: os.Getpid(), Boot: bootID()}
	live := dead
	live.Run, live.Job, live.PID = "b", "monthly_school_report", os.Getppid()
	must(t, r.History.Append(dead))
	must(t, r.History.Append(live))
	closed, err := r.Recover()
	if err != nil || len(closed) != 1 || closed[0].Run != "a" || closed[0].Outcome != pipeline.OutcomeFailed ||
		!strings.Contains(closed[0].Error, "interrupted") {
		t.Fatalf("recover: %v %+v", err, closed)
	}
	due, _ := r.Due(calendar(t))
	if len(due) != 2 || due[0].Job.Name != "nightly" || !due[0].At.Equal(at(2026, 1, 14, 22, 30)) {
		t.Errorf("due: %+v", due)
	}
	for _, cu := range due {
		if cu.Job.Name == "monthly_school_report" {
			t.Error("job running in another process caught up")
		}
	}
}

// The daemon schedules through robfig/cron in real time (one second here).
func TestCronTriggersJobs(t *testing.T) {
	r, _, pipe := testRunner(t, time.Now())
	r.Clock = SystemClock
	cfg := r.Config
	cfg.Jobs = []pipeline.JobConfig{{Name: "every_second", Cron: []string{"@every 1s"}, Action: ActionRun}}
	jobs, err := Load(cfg)
	must(t, err)
	j, _ := Find(jobs, "every_second")
	stop := serve(t, &Daemon{Runner: r, Jobs: []Job{j}, Grace: time.Second})
	select {
	case <-pipe.started:
	case <-time.After(3 * time.Second):
		t.Fatal("cron never triggered the job")
	}
	stop()
	if got := ends(t, r); len(got) == 0 || got[0].Trigger != KindSchedule {
		t.Errorf("history: %+v", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
