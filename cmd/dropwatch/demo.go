package main

import (
	"context"
	"fmt"
	"path/filepath"

	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
)

func demoCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", summaryOf("demo"))
	dir := fs.String("dir", "demo", "示范数据目录 / folder for the demo's inbox, warehouse and reports")
	seed := fs.Int64("seed", 1, "随机种子（相同种子生成相同文件）/ seed: the same seed writes the same files")
	children := fs.Int("children", 3000, "户籍儿童人数 / children in the household register")
	verbose := fs.Bool("v", false, "详细日志 / verbose log")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	inbox := filepath.Join(*dir, "inbox")
	m, err := demotown.Generate(inbox, demotown.Options{Seed: *seed, Children: *children})
	if err != nil {
		return fmt.Errorf("generate demo town: %w", err)
	}
	fmt.Fprintf(e.stdout, "示范镇数据 / demo inbox: %s（%d 个文件 / files）\n", inbox, len(m.Files))
	cfg := pipeline.Defaults() // the demo town's settings, whatever the local config says
	cfg.Paths.Inbox = inbox
	cfg.Paths.Warehouse = filepath.Join(*dir, "warehouse", "dropwatch.duckdb")
	cfg.Paths.Out = filepath.Join(*dir, "out")
	res, err := execute(ctx, cfg, newLogger(e.stderr, *verbose), e.stderr)
	if err != nil {
		return err
	}
	printResult(e.stdout, res)
	abs, err := filepath.Abs(res.Index)
	if err != nil {
		abs = res.Index
	}
	fmt.Fprintf(e.stdout, "\n打开报表 / open the report: %s\n", abs)
	return nil
}
