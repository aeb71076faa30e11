package main

import (
	"context"
	"fmt"
	"strings"

	"dropwatch/pipeline/query"
)

func explainCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "explain", summaryOf("explain")+"\n\n用法 / usage: dropwatch explain INDICATOR --year Y [--scope village:CODE|school:CODE] [--restricted]")
	year := fs.Int("year", 0, "学年（起始年份，如 2025 表示 2025-2026 学年）/ school year, by its starting year")
	scope := fs.String("scope", "town", "范围：town、village:村代码 或 school:学校标识码 / town, village:CODE or school:CODE")
	restricted := fs.Bool("restricted", false, "显示姓名与身份证号（仅限有权处理名单的人员）/ show names and identity numbers")
	limit := fs.Int("limit", 20, "每个名单最多显示的人数，0 为全部 / children shown per list, 0 for all")
	indicator, rest := splitPositional(args)
	_, cfg, err := parseSettings(fs, rest, readerSettings...)
	if err != nil {
		return err
	}
	if indicator == "" || *year == 0 {
		return fmt.Errorf("需要指标代码和 --year，如 dropwatch explain primary_dropout --year 2024 / give an indicator and --year")
	}
	sc, err := parseScope(*scope)
	if err != nil {
		return err
	}
	db, err := query.Open(cfg.Paths.Warehouse, cfg.DuckDB)
	if err != nil {
		return err
	}
	defer db.Close()
	ex, err := query.Explain(ctx, db, indicator, *year, sc)
	if err != nil {
		return err
	}
	if *restricted {
		fmt.Fprintln(e.stderr, "注意：以下输出含儿童姓名与身份证号，仅限有权处理名单的人员使用 / the output names children")
	}
	return ex.Write(e.stdout, *restricted, *limit)
}

// splitPositional takes the first argument that is not a flag (the
// indicator) out of args, so it may come before or after the flags.
func splitPositional(args []string) (string, []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if i > 0 && needsValue(args[i-1]) {
			continue
		}
		return a, append(append([]string(nil), args[:i]...), args[i+1:]...)
	}
	return "", args
}

// needsValue reports whether a flag takes the next argument as its value.
func needsValue(flag string) bool {
	if !strings.HasPrefix(flag, "-") || strings.Contains(flag, "=") {
		return false
	}
	switch strings.TrimLeft(flag, "-") {
	case "restricted", "v":
		return false
	}
	return true
}

func parseScope(s string) (query.Scope, error) {
	if s == "" || s == "town" {
		return query.Scope{Level: "town"}, nil
	}
	level, code, ok := strings.Cut(s, ":")
	if !ok || code == "" || (level != "village" && level != "school") {
		return query.Scope{}, fmt.Errorf("--scope 应为 town、village:村代码 或 school:学校标识码，得到「%s」/ bad --scope %q", s, s)
	}
	return query.Scope{Level: level, Code: code}, nil
}
