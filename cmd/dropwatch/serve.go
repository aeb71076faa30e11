package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"dropwatch"
	"dropwatch/pipeline"
	"dropwatch/schedules"
)

func serveCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", summaryOf("serve"))
	addr := fs.String("http", "", "只读提供 out/public 的地址，如 10.0.0.5:8080；空则不提供（restricted 永不提供）/ address to serve out/public on, read-only; never the restricted tier")
	grace := fs.Duration("grace", schedules.DefaultGrace, "停止时等待运行中任务的时长，之后放弃（不发布）/ how long a stop waits for a running job before abandoning it")
	events := addEventsFlag(fs)
	s, cfg, err := parseSettings(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, s.verbose)
	r, jobs, err := newScheduler(cfg, log)
	if err != nil {
		return err
	}
	evw, closeEvents, err := openEvents(e, *events)
	if err != nil {
		return err
	}
	defer closeEvents()
	r.Events = onEvents(nil, evw)
	// main already stops on these; a test process running Run directly
	// needs its own.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	d := &schedules.Daemon{Runner: r, Jobs: jobs, Grace: *grace, HTTP: *addr}
	return d.Serve(ctx)
}

// newScheduler is the runner and calendar shared by serve and jobs.
func newScheduler(cfg pipeline.Config, log *slog.Logger) (*schedules.Runner, []schedules.Job, error) {
	jobs, err := schedules.Load(cfg)
	if err != nil {
		return nil, nil, err
	}
	r, err := schedules.NewRunner(cfg, dropwatch.SQL(), log)
	if err != nil {
		return nil, nil, err
	}
	return r, jobs, nil
}
