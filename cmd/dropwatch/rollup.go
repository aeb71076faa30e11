package main

import (
	"context"
	"fmt"

	"dropwatch"
	"dropwatch/pipeline/rollup"
)

func rollupCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "rollup", summaryOf("rollup")+"\n\n用法 / usage: dropwatch rollup --to province.duckdb COUNTY_EXPORT_DIR...")
	out := fs.String("to", "province.duckdb", "汇总结果 DuckDB 文件 / the roll-up DuckDB file")
	set := addSettings(fs, engineSettings...)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := set.config()
	if err != nil {
		return err
	}
	sums, err := rollup.Rollup(ctx, rollup.Options{Sources: fs.Args(), Out: *out, SQL: dropwatch.SQL(), Engine: cfg.DuckDB})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "汇总 %d 个县 / %d counties → %s\n", fs.NArg(), fs.NArg(), *out)
	fmt.Fprintln(e.stdout, "学年  各县户籍6-15岁相加  去重后儿童  各县未入学名单相加  其中在他县在读  全省未入学")
	for _, s := range sums {
		fmt.Fprintf(e.stdout, "%d  %18d  %10d  %18d  %14d  %10d\n", s.SchoolYear, s.CountyRegisterRows, s.Children,
			s.CountyUnaccountedRows, s.InSchoolInAnotherCounty, s.Unaccounted)
	}
	return nil
}
