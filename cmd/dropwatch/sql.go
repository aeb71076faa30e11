package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"dropwatch/pipeline/query"
)

func sqlCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sql", summaryOf("sql"))
	command := fs.String("c", "", "要执行的 SQL（多条用分号分隔）；省略时从标准输入读取 / SQL to run; read from stdin when omitted")
	mode := fs.String("format", query.ModeTable, "输出格式 table、csv 或 json（与 export --format 同名）/ output: table, csv or json")
	fs.StringVar(mode, "mode", query.ModeTable, "同 --format（旧写法，仍可用）/ alias of --format")
	asCSV := fs.Bool("csv", false, "输出 CSV（同 --format csv）/ same as --format csv")
	asJSON := fs.Bool("json", false, "输出 JSON Lines（同 --format json）/ same as --format json")
	maxRows := fs.Int("max-rows", 100, "表格最多显示的行数，0 为全部 / rows a table shows, 0 for all")
	_, cfg, err := parseSettings(fs, args, readerSettings...)
	if err != nil {
		return err
	}
	if *asCSV {
		*mode = query.ModeCSV
	}
	if *asJSON {
		*mode = query.ModeJSON
	}
	if !query.ValidMode(*mode) {
		return fmt.Errorf("--format 只能是 table、csv 或 json，得到「%s」/ --format takes table, csv or json", *mode)
	}
	sh := &query.Shell{Path: cfg.Paths.Warehouse, Engine: cfg.DuckDB, Out: e.stdout, Mode: *mode, MaxRows: *maxRows}
	if *command != "" {
		return sh.Exec(ctx, *command)
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return interactive(ctx, sh, f, e.stdout)
	}
	script, err := io.ReadAll(e.stdin)
	if err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return sh.Exec(ctx, string(script))
}

// interactive runs the shell on a terminal in raw mode, with line editing
// and a history kept in ~/.dropwatch_history.
func interactive(ctx context.Context, sh *query.Shell, in *os.File, out io.Writer) error {
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	defer term.Restore(int(in.Fd()), old)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, "")
	if w, h, err := term.GetSize(int(in.Fd())); err == nil {
		t.SetSize(w, h)
	}
	if home, err := os.UserHomeDir(); err == nil {
		t.History = query.LoadHistory(filepath.Join(home, ".dropwatch_history"), 1000)
	}
	sh.Out = t // the terminal turns \n into \r\n in raw mode
	err = sh.Interactive(ctx, t)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}
