package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"dropwatch"
	"dropwatch/pipeline"
)

func runCmd(ctx context.Context, e *env, args []string) error {
	s, cfg, err := parseSettings(newFlags(e, "run", summaryOf("run")), args)
	if err != nil {
		return err
	}
	res, err := execute(ctx, cfg, newLogger(e.stderr, s.verbose), e.stderr)
	if err != nil {
		return err
	}
	printResult(e.stdout, res)
	return nil
}

func execute(ctx context.Context, cfg pipeline.Config, log *slog.Logger, stderr io.Writer) (*pipeline.Result, error) {
	r := &pipeline.Run{Config: cfg, SQL: dropwatch.SQL(), Log: log, Progress: progressPrinter(stderr, log)}
	return r.Execute(ctx)
}

// printResult summarises a run for the clerk.
func printResult(w io.Writer, res *pipeline.Result) {
	counts := map[string]int{}
	var rows, bad int64
	for _, f := range res.Files {
		counts[f.Outcome]++
		rows += f.Rows
		bad += f.Quarantined
	}
	fmt.Fprintf(w, "运行 %s 完成 / run done\n", res.RunID)
	fmt.Fprintf(w, "文件：装载 %d，重复跳过 %d，被拒 %d；数据行 %d，隔离 %d\n",
		counts["loaded"], counts["skipped_duplicate"], counts["rejected"], rows, bad)
	for _, f := range res.Files {
		if f.Outcome == "rejected" {
			fmt.Fprintf(w, "  被拒 / rejected: %s：%s\n", terminalSafe(f.File), terminalSafe(f.Message))
		}
	}
	fmt.Fprintf(w, "数据仓库 / warehouse: %s\n", res.Warehouse)
	fmt.Fprintf(w, "报表 / report: %s\n", res.Index)
}
