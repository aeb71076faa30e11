package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/sys/unix"
)

// DefaultGrace is how long a stopping daemon lets a running job finish.
const DefaultGrace = time.Minute

// Daemon is `dropwatch serve`: it closes runs a killed process left open,
// catches up what was missed while the server was off, runs the calendar
// with robfig/cron in the calendar's location, and optionally serves the
// public reports over HTTP.
type Daemon struct {
	Runner *Runner
	Jobs   []Job
	// Grace is how long a stop waits for running jobs before abandoning
	// them (their pipeline is cancelled and publishes nothing).
	Grace time.Duration
	// HTTP is the address to serve out/public on; empty serves nothing.
	HTTP string

	noCron bool // tests trigger jobs themselves
}

// Serve runs until ctx ends (SIGTERM, SIGINT), then stops: no new job or
// retry starts, the HTTP server closes, running jobs get Grace to finish
// and are abandoned after it.
func (d *Daemon) Serve(ctx context.Context) error {
	r := d.Runner
	unlock, err := lockServe(r.Config.Paths.Warehouse + ".serve.lock")
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := r.Recover(); err != nil {
		return fmt.Errorf("close interrupted runs: %w", err)
	}
	due, err := r.Due(d.Jobs)
	if err != nil {
		return fmt.Errorf("find missed jobs: %w", err)
	}
	_, stopHTTP, err := d.startHTTP()
	if err != nil {
		return err
	}
	jobCtx, abandon := context.WithCancel(context.WithoutCancel(ctx))
	defer abandon()
	var wg sync.WaitGroup
	c := d.startCron(ctx, jobCtx, &wg)
	d.logCalendar()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.catchUp(ctx, jobCtx, due)
	}()
	<-ctx.Done()
	r.Log.Info("stopping", "grace", d.Grace)
	if c != nil {
		<-c.Stop().Done() // no new triggers; each trigger only starts a goroutine
	}
	stopHTTP()
	d.drain(&wg, abandon)
	r.Log.Info("stopped")
	return nil
}

// catchUp runs the missed jobs one after the other, until the daemon stops.
func (d *Daemon) catchUp(ctx, jobCtx context.Context, due []CatchUp) {
	for _, cu := range due {
		if ctx.Err() != nil {
			return
		}
		d.Runner.Log.Info("catch-up", "job", cu.Job.Name, "missed", cu.At.Format(time.DateTime))
		d.Runner.Run(jobCtx, cu.Job, Trigger{Kind: KindCatchUp, Scheduled: cu.At, Stop: ctx.Done()})
	}
}

// startCron schedules every job with robfig/cron in the calendar's
// location.
func (d *Daemon) startCron(ctx, jobCtx context.Context, wg *sync.WaitGroup) *cron.Cron {
	if d.noCron {
		return nil
	}
	c := cron.New(cron.WithLocation(d.Runner.loc), cron.WithLogger(cronLog{d.Runner.Log}))
	for _, j := range d.Jobs {
		c.Schedule(j.Schedule, cron.FuncJob(func() { d.fire(ctx, jobCtx, wg, j) }))
	}
	c.Start()
	return c
}

// fire starts a scheduled run of a job.
func (d *Daemon) fire(ctx, jobCtx context.Context, wg *sync.WaitGroup, j Job) {
	if ctx.Err() != nil {
		return
	}
	now := d.Runner.now()
	at, ok := j.Latest(now.Add(-24*time.Hour), now)
	if !ok {
		at = now.Truncate(time.Minute)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.Runner.Run(jobCtx, j, Trigger{Kind: KindSchedule, Scheduled: at, Stop: ctx.Done()})
	}()
}

// drain waits for running jobs, up to Grace, then abandons them.
func (d *Daemon) drain(wg *sync.WaitGroup, abandon context.CancelFunc) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-d.Runner.Clock.After(d.Grace):
	}
	d.Runner.Log.Warn("grace period over: abandoning running jobs", "grace", d.Grace)
	abandon()
	<-done
}

func (d *Daemon) logCalendar() {
	now := d.Runner.now()
	for _, j := range d.Jobs {
		next := j.NextTimes(now, 1)
		if len(next) > 0 {
			d.Runner.Log.Info("scheduled", "job", j.Name, "next", next[0].Format("2006-01-02 15:04 MST"))
		}
	}
}

// lockServe makes sure one daemon serves a warehouse.
func lockServe(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("warehouse folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open serve lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("另一个 dropwatch serve 正在为此数据仓库运行 / another dropwatch serve is running for this warehouse")
		}
		return nil, fmt.Errorf("take serve lock: %w", err)
	}
	return func() { f.Close() }, nil
}

// cronLog passes robfig/cron's messages to the daemon's log.
type cronLog struct{ log *slog.Logger }

func (l cronLog) Info(msg string, kv ...any) { l.log.Debug("cron "+msg, kv...) }
func (l cronLog) Error(err error, msg string, kv ...any) {
	l.log.Error("cron "+msg, append(kv, "err", err)...)
}
