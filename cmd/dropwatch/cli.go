package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// command is one subcommand of dropwatch.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"run", "装载收件箱、建模、生成并发布报表 / load the inbox, build, report, publish", runCmd},
		{"demo", "生成示范镇数据并运行一次 / generate the demo town and run on it", demoCmd},
		{"serve", "按计划任务日历常驻运行（可选只读网页）/ run the job calendar as a daemon, optionally serving the public reports", serveCmd},
		{"jobs", "计划任务：list 列表、run 立即运行、history 运行记录 / the job calendar: list, run NAME, history", jobsCmd},
		{"sql", "只读查询已发布的数据仓库（交互或 -c）/ query the published warehouse read-only", sqlCmd},
		{"export", "导出数据集市为 Parquet、CSV 或 Excel / export marts to Parquet, CSV or .xlsx", exportCmd},
		{"explain", "追溯一个指标背后的儿童 / trace an indicator to the children behind it", explainCmd},
		{"rollup", "汇总各县的 Parquet 导出为全省视图，跨县儿童只计一次 / roll county Parquet exports up to the province, each child once", rollupCmd},
		{"restore", "用备份恢复已发布的数据仓库，损坏的文件留作 .damaged / put a backup back in place of the published warehouse, keeping the damaged file", restoreCmd},
		{"config", "显示当前生效的设置 / print the settings in force", configCmd},
		{"version", "显示版本 / print the version", versionCmd},
	}
}

// Run runs dropwatch with the given arguments and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if msg, ok := flagProblem(c.name, err); ok {
			fmt.Fprintln(stderr, msg)
			return 2
		}
		if err != nil {
			fmt.Fprintf(stderr, "dropwatch %s 失败 / failed: %s\n", c.name, terminalSafe(err.Error()))
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "未知命令「%s」/ unknown command %q\n\n", args[0], args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dropwatch — 控辍保学动态监测 / dropout-control monitoring")
	fmt.Fprintln(w, "\n用法 / usage: dropwatch <command> [flags]")
	fmt.Fprintln(w, "\n命令 / commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个命令都有 --help / every command has --help")
}

// newFlags makes a flag set whose usage names the command.
func newFlags(e *env, name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own English complaint is dropped; Run says it in
	// both languages (flagProblem). The usage goes to stderr.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "dropwatch %s — %s\n\n", name, summary)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		printExamples(e.stderr, name)
	}
	return fs
}

// flagProblem turns the flag package's parse errors into a bilingual line
// that says what to do; ok is false for any other error.
func flagProblem(cmd string, err error) (msg string, ok bool) {
	if err == nil {
		return "", false
	}
	text := err.Error()
	help := fmt.Sprintf("用 dropwatch %s --help 查看可用参数 / see dropwatch %s --help", cmd, cmd)
	for _, p := range []struct{ prefix, zh string }{
		{"flag provided but not defined: ", "没有这个参数"},
		{"flag needs an argument: ", "参数缺少取值"},
		{"invalid value ", "参数取值无效"},
		{"invalid boolean value ", "参数取值无效（应为 true 或 false）"},
		{"invalid boolean flag ", "参数取值无效（应为 true 或 false）"},
		{"bad flag syntax: ", "参数写法有误"},
	} {
		if strings.HasPrefix(text, p.prefix) {
			return fmt.Sprintf("dropwatch %s：%s「%s」；%s\n(%s)", cmd, p.zh, strings.TrimPrefix(text, p.prefix), help, text), true
		}
	}
	return "", false
}

func summaryOf(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.summary
		}
	}
	return ""
}

// newLogger logs to stderr in plain lines.
func newLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("多余的参数「%s」/ unexpected arguments", strings.Join(fs.Args(), " "))
	}
	return nil
}
