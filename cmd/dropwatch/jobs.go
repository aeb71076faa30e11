package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"dropwatch/pipeline"
	"dropwatch/schedules"
)

var jobsSubcommands = []struct{ name, summary string }{
	{"list", "每个任务、其后几次运行时间与上次结果 / each job, its next run times and its last outcome"},
	{"run", "立即运行一个任务（与常驻服务同一路径，可由系统 cron 调用）/ run one job now, as the daemon would"},
	{"history", "最近的运行记录 / recent runs"},
}

func jobsCmd(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || slices.Contains([]string{"-h", "--help", "-help", "help"}, args[0]) {
		jobsUsage(e.stderr)
		if len(args) == 0 {
			return fmt.Errorf("缺少子命令 / missing subcommand: list, run or history")
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "list":
		return jobsList(e, args[1:])
	case "run":
		return jobsRun(ctx, e, args[1:])
	case "history":
		return jobsHistory(e, args[1:])
	}
	jobsUsage(e.stderr)
	return fmt.Errorf("未知子命令「%s」/ unknown subcommand %q", args[0], args[0])
}

func jobsUsage(w io.Writer) {
	fmt.Fprintf(w, "dropwatch jobs — %s\n\n", summaryOf("jobs"))
	for _, s := range jobsSubcommands {
		fmt.Fprintf(w, "  dropwatch jobs %-8s %s\n", s.name, s.summary)
	}
	fmt.Fprintln(w, "\n每个子命令都有 --help / every subcommand has --help")
	printExamples(w, "jobs")
}

func jobsFlags(e *env, sub string) *flag.FlagSet {
	for _, s := range jobsSubcommands {
		if s.name == sub {
			return newFlags(e, "jobs "+sub, s.summary)
		}
	}
	return newFlags(e, "jobs "+sub, "")
}

func jobsList(e *env, args []string) error {
	fs := jobsFlags(e, "list")
	n := fs.Int("n", 3, "列出其后几次运行时间 / how many next run times to show")
	s, cfg, err := parseSettings(fs, args)
	if err != nil {
		return err
	}
	r, jobs, err := newScheduler(cfg, newLogger(e.stderr, s.verbose))
	if err != nil {
		return err
	}
	events, err := r.History.Read()
	if err != nil {
		return err
	}
	last := pipeline.LatestByJob(events)
	now := r.Clock.Now()
	fmt.Fprintf(e.stdout, "计划任务 / jobs（时区 / time zone %s）\n", cfg.Timezone)
	for _, j := range jobs {
		fmt.Fprintf(e.stdout, "\n%s — %s\n", j.Name, j.Description)
		fmt.Fprintf(e.stdout, "  cron: %s；动作 action: %s；补跑 catch-up: %s；重试 retries: %d\n",
			strings.Join(j.Cron, " | "), j.Action, j.CatchUp, j.Retries)
		var next []string
		for _, t := range j.NextTimes(now, *n) {
			next = append(next, t.Format("2006-01-02 15:04 Mon"))
		}
		fmt.Fprintf(e.stdout, "  下次 / next: %s\n", strings.Join(next, "，"))
		fmt.Fprintf(e.stdout, "  上次 / last: %s\n", lastRun(last, j.Name, j.Location))
	}
	return nil
}

func lastRun(last map[string]pipeline.HistoryEvent, name string, loc *time.Location) string {
	ev, ok := last[name]
	if !ok {
		return "从未运行 / never run"
	}
	out := fmt.Sprintf("%s（计划 / scheduled %s，%s）", outcomeText(ev), ev.Scheduled.In(loc).Format("2006-01-02 15:04"), ev.Trigger)
	if ev.Error != "" {
		out += "：" + ev.Error
	}
	return out
}

func outcomeText(ev pipeline.HistoryEvent) string {
	switch {
	case !ev.Finished():
		return "进行中或已中断 / running or interrupted"
	case ev.Outcome == pipeline.OutcomeOK:
		return "成功 / ok"
	case ev.Outcome == pipeline.OutcomeSkipped:
		return "跳过 / skipped"
	}
	return "失败 / failed"
}

func jobsRun(ctx context.Context, e *env, args []string) error {
	fs := jobsFlags(e, "run")
	s := addSettings(fs)
	noRetry := fs.Bool("no-retry", false, "只试一次，失败不重试 / try once, do not retry a failure")
	name, rest := splitName(args)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if name == "" && fs.NArg() == 1 {
		name = fs.Arg(0)
	} else if err := noArgs(fs); err != nil {
		return err
	}
	if name == "" {
		return fmt.Errorf("请给出任务名，见 dropwatch jobs list / name the job to run")
	}
	cfg, err := s.config()
	if err != nil {
		return err
	}
	r, jobs, err := newScheduler(cfg, newLogger(e.stderr, s.verbose))
	if err != nil {
		return err
	}
	job, err := schedules.Find(jobs, name)
	if err != nil {
		return err
	}
	if *noRetry {
		job.Retries = 0
	}
	if _, err := r.Recover(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ev, err := r.Run(ctx, job, schedules.Trigger{Kind: schedules.KindManual, Scheduled: r.Clock.Now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "任务 %s 完成 / job done（第 %d 次尝试 / attempt）\n", job.Name, ev.Attempt)
	if ev.Files != nil {
		fmt.Fprintf(e.stdout, "新装载文件 / files loaded: %d；运行 / run: %s\n", *ev.Files, ev.PipelineRun)
	}
	if ev.Detail != "" {
		fmt.Fprintln(e.stdout, ev.Detail)
	}
	return nil
}

// splitName takes a job name given before the flags.
func splitName(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func jobsHistory(e *env, args []string) error {
	fs := jobsFlags(e, "history")
	n := fs.Int("n", 20, "显示最近几次 / how many recent runs")
	only := fs.String("job", "", "只看此任务 / only this job")
	_, cfg, err := parseSettings(fs, args)
	if err != nil {
		return err
	}
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	h := &pipeline.History{Path: pipeline.HistoryPath(cfg.Paths.Warehouse)}
	events, err := h.Read()
	if err != nil {
		return err
	}
	runs := pipeline.Runs(events)
	slices.Reverse(runs)
	fmt.Fprintf(e.stdout, "运行记录 / history: %s（最新在前 / newest first）\n", h.Path)
	shown := 0
	for _, ev := range runs {
		if (*only != "" && ev.Job != *only) || shown >= *n {
			continue
		}
		shown++
		printRun(e.stdout, ev, loc)
	}
	if shown == 0 {
		fmt.Fprintln(e.stdout, "（暂无记录 / no runs yet）")
	}
	fmt.Fprintf(e.stdout, "\n用 DuckDB 查询（带类型的写法见 docs/operations.md）/ query with DuckDB (typed query: docs/operations.md):\n"+
		"  SELECT * FROM read_json('%s', ignore_errors = true) WHERE event = 'end' ORDER BY started DESC;\n", h.Path)
	return nil
}

func printRun(w io.Writer, ev pipeline.HistoryEvent, loc *time.Location) {
	took := "—"
	if ev.Ended != nil {
		took = ev.Ended.Sub(ev.Started).Round(time.Second).String()
	}
	files := "—"
	if ev.Files != nil {
		files = fmt.Sprint(*ev.Files)
	}
	fmt.Fprintf(w, "%s  %-22s %-9s 计划 %s  用时 %-7s 文件 %-4s %s\n",
		ev.Started.In(loc).Format("2006-01-02 15:04:05"), ev.Job, ev.Trigger,
		ev.Scheduled.In(loc).Format("01-02 15:04"), took, files, outcomeText(ev))
	for _, line := range []string{ev.Error, ev.Detail} {
		if line != "" {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
