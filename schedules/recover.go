package schedules

import (
	"errors"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"dropwatch/pipeline"
)

// ErrInterrupted is the error recorded for a run whose process died
// (killed, crashed, power cut) before it ended.
var ErrInterrupted = errors.New("中断：运行时进程被终止或断电，未发布任何内容 / interrupted: the process ended during the run, nothing was published")

// Recover closes the runs whose process is gone: each start without an end
// gets an end with outcome failed and ErrInterrupted. Runs of a live
// process (a `jobs run` under system cron, say) are left alone. It returns
// the runs it closed.
func (r *Runner) Recover() ([]pipeline.HistoryEvent, error) {
	events, err := r.History.Read()
	if err != nil {
		return nil, err
	}
	var closed []pipeline.HistoryEvent
	for _, start := range pipeline.Unfinished(events) {
		if alive(start) {
			continue
		}
		now := r.now()
		ev := start
		ev.Event, ev.Ended, ev.Outcome, ev.Error = pipeline.EventEnd, &now, pipeline.OutcomeFailed, ErrInterrupted.Error()
		ev.PID, ev.Boot = 0, ""
		r.Log.Warn("interrupted run recorded as failed", "job", start.Job, "run", start.Run,
			"scheduled", start.Scheduled.Format(time.DateTime))
		if err := r.History.Append(ev); err != nil {
			return closed, err
		}
		closed = append(closed, ev)
	}
	return closed, nil
}

// alive reports whether the process that started a run may still be
// running it: same boot, a process of that id exists, and it is not us
// (a process recovers before it starts anything).
func alive(start pipeline.HistoryEvent) bool {
	if start.PID <= 0 || start.PID == os.Getpid() {
		return false
	}
	if b := bootID(); start.Boot != "" && b != "" && start.Boot != b {
		return false
	}
	err := unix.Kill(start.PID, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

var bootID = sync.OnceValue(func() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
})

// CatchUp is a job to run at start and the scheduled time it stands for.
type CatchUp struct {
	Job Job
	At  time.Time
}

// Due returns the jobs to catch up now, earliest first. A job with policy
// once is due when a scheduled time passed after the scheduled time of its
// last successful run (or, if it never succeeded, after the first run in
// the history) and no run of it is in progress: it runs once, for the
// latest missed time, however many were missed. An empty history catches
// nothing up: a new installation starts from its next scheduled times.
func (r *Runner) Due(jobs []Job) ([]CatchUp, error) {
	events, err := r.History.Read()
	if err != nil {
		return nil, err
	}
	runs := pipeline.Runs(events)
	if len(runs) == 0 {
		return nil, nil
	}
	first := runs[0].Started
	lastOK := map[string]time.Time{}
	running := map[string]bool{}
	for _, run := range runs {
		switch {
		case !run.Finished():
			running[run.Job] = true
		case run.Outcome == pipeline.OutcomeOK && run.Scheduled.After(lastOK[run.Job]):
			lastOK[run.Job] = run.Scheduled
		}
	}
	now := r.now()
	var due []CatchUp
	for _, j := range jobs {
		if j.CatchUp != CatchUpOnce || running[j.Name] {
			continue
		}
		since, ok := lastOK[j.Name]
		if !ok {
			since = first
		}
		if at, ok := j.Latest(since, now); ok {
			due = append(due, CatchUp{Job: j, At: at})
		}
	}
	sort.SliceStable(due, func(a, b int) bool { return due[a].At.Before(due[b].At) })
	return due, nil
}
