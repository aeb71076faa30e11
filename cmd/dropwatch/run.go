package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"dropwatch"
	"dropwatch/pipeline"
	"dropwatch/pipeline/ingest"
)

func runCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", summaryOf("run"))
	full := fs.Bool("full", false, "全部重新建模并发布（即使没有新文件）/ rebuild every model whole and publish, even when nothing changed")
	events := addEventsFlag(fs)
	s, cfg, err := parseSettings(fs, args)
	if err != nil {
		return err
	}
	evw, closeEvents, err := openEvents(e, *events)
	if err != nil {
		return err
	}
	defer closeEvents()
	res, err := execute(ctx, cfg, newLogger(e.stderr, s.verbose), e.stderr, evw, *full)
	if err != nil {
		return err
	}
	printResult(e.stdout, res)
	return nil
}

// execute runs the pipeline; long files show their progress on stderr, and
// every event goes as a JSON line to events when it is not nil.
func execute(ctx context.Context, cfg pipeline.Config, log *slog.Logger, stderr, events io.Writer, full bool) (*pipeline.Result, error) {
	r := &pipeline.Run{Config: cfg, SQL: dropwatch.SQL(), Log: log, Events: onEvents(progressPrinter(stderr, log), events), Full: full}
	return r.Execute(ctx)
}

// printResult summarises a run for the clerk.
func printResult(w io.Writer, res *pipeline.Result) {
	if res.Unchanged {
		fmt.Fprintln(w, pipeline.NothingNew)
		fmt.Fprintf(w, "报表 / report: %s（用 --full 强制重建 / --full rebuilds anyway）\n", res.Index)
		return
	}
	counts := map[ingest.Outcome]int{}
	var rows, bad int64
	for _, f := range res.Files {
		counts[f.Outcome]++
		rows += f.Rows
		bad += f.Quarantined
	}
	fmt.Fprintf(w, "运行 %s 完成 / run done\n", res.RunID)
	fmt.Fprintf(w, "本次运行 / this run：装载文件 %d，重复跳过 %d，被拒 %d；数据行 %d，隔离数据行 %d\n",
		counts[ingest.Loaded], counts[ingest.SkippedDuplicate], counts[ingest.Rejected], rows, bad)
	for _, f := range res.Files {
		if f.Outcome == ingest.Rejected {
			fmt.Fprintf(w, "  被拒 / rejected: %s：%s\n", terminalSafe(f.File), terminalSafe(f.Message))
		}
	}
	fmt.Fprintf(w, "数据仓库 / warehouse: %s\n", res.Warehouse)
	fmt.Fprintf(w, "报表 / report: %s\n", res.Index)
}
