package main

import (
	"context"
	"fmt"
	"strings"

	"dropwatch/pipeline/export"
)

func exportCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", summaryOf("export"))
	dir := fs.String("to", "export", "导出目录 / output folder")
	format := fs.String("format", export.Parquet, "格式 parquet、csv 或 xlsx / parquet, csv or xlsx")
	parquet := fs.Bool("parquet", false, "同 --format parquet / same as --format parquet")
	rels := fs.String("relations", "", "要导出的表，逗号分隔（默认全部 mart 表）/ relations, comma-separated (default: every mart relation)")
	q := fs.String("query", "", "导出一条查询的结果 / export the result of a query")
	name := fs.String("name", "query", "查询结果的文件名 / file name for --query")
	county := fs.String("county", "", "Parquet 的县级分区代码（默认取乡镇代码前 6 位）/ county partition code")
	restricted := fs.Bool("restricted", false, "同时导出含姓名、身份证号、电话的名单 / include relations that name children")
	_, cfg, err := parseSettings(fs, args, readerSettings...)
	if err != nil {
		return err
	}
	if *parquet {
		*format = export.Parquet
	}
	o := export.Options{Warehouse: cfg.Paths.Warehouse, Engine: cfg.DuckDB, Dir: *dir, Format: *format, Query: *q, Name: *name,
		County: *county, Restricted: *restricted}
	if *rels != "" {
		o.Relations = strings.Split(*rels, ",")
	}
	res, err := export.Export(ctx, o)
	if err != nil {
		return err
	}
	personal := false
	for _, f := range res.Files {
		where := f.Path
		if f.Sheet != "" {
			where += " [" + f.Sheet + "]"
		}
		fmt.Fprintf(e.stdout, "%-32s %9d 行 / rows  %s\n", f.Relation, f.Rows, where)
		personal = personal || f.Personal
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "\n未导出含个人信息的 %d 个表（需要时加 --restricted）/ left out, personal data: %s\n",
			len(res.Skipped), strings.Join(res.Skipped, ", "))
	}
	if personal {
		fmt.Fprintln(e.stdout, "\n注意：导出的文件含儿童姓名、身份证号或电话，属受限个人信息，只交给负责处理名单的人员，用后删除。\nNOTE: the export holds personal data (names, identity numbers, phones): restricted use only.")
	}
	return nil
}
