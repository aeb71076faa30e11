package main

import (
	"context"
	"fmt"
	"os"
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
	// The demo's own config file, whatever the local one says; the commands
	// printed at the end use it, so they work as printed.
	cfgPath := filepath.Join(*dir, defaultConfigFile)
	if err := os.WriteFile(cfgPath, []byte(demoConfig), 0o644); err != nil {
		return fmt.Errorf("write demo config: %w", err)
	}
	cfg, err := pipeline.LoadConfig(cfgPath, true)
	if err != nil {
		return err
	}
	res, err := execute(ctx, cfg, newLogger(e.stderr, *verbose), e.stderr, nil, false)
	if err != nil {
		return err
	}
	printResult(e.stdout, res)
	abs, err := filepath.Abs(res.Index)
	if err != nil {
		abs = res.Index
	}
	fmt.Fprintf(e.stdout, "\n打开报表 / open the report: %s\n", abs)
	fmt.Fprintf(e.stdout, "\n接着可以试试 / next, try:\n")
	for _, c := range demoNextCommands(cfgPath) {
		fmt.Fprintf(e.stdout, "  %s\n", c)
	}
	return nil
}

// demoConfig is the config file the demo writes beside its data. Paths are
// relative to the file's folder.
const demoConfig = `# 示范镇的设置，由 dropwatch demo 写出 / the demo town's settings, written by dropwatch demo.
# 其他命令用 --config 指向本文件 / point other commands at it with --config.
[town]
name = "示范镇"
code = "430521101"

[paths]
inbox = "inbox"
warehouse = "warehouse/dropwatch.duckdb"
out = "out"
`

// demoLatestYear is the demo town's latest school year (demotown's default
// first year 2023 and three years).
const demoLatestYear = 2025

// demoNextCommands are the commands the demo suggests, exactly as a user
// types them after make demo.
func demoNextCommands(cfgPath string) []string {
	c := "--config " + cfgPath
	return []string{
		fmt.Sprintf(`bin/dropwatch sql %s -c "SELECT indicator, value, status FROM mart.indicators WHERE scope_level = 'town' AND school_year = %d"`, c, demoLatestYear),
		fmt.Sprintf("bin/dropwatch explain %s primary_dropout --year %d", c, demoLatestYear),
		fmt.Sprintf("bin/dropwatch config %s", c),
	}
}
