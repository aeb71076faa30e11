package main

import (
	"fmt"
	"io"
	"strings"
)

// printExamples ends a --help text with the command's examples (name may
// be "jobs run": the command is its first word).
func printExamples(w io.Writer, name string) {
	if ex := examples[strings.Fields(name)[0]]; len(ex) > 0 {
		fmt.Fprintf(w, "\n例 / examples:\n  %s\n", strings.Join(ex, "\n  "))
	}
}

// examples are the lines each command's --help ends with: typical uses a
// clerk or an analyst can copy.
var examples = map[string][]string{
	"run":     {"dropwatch run", "dropwatch run --config /srv/dropwatch/dropwatch.toml --events run-events.jsonl", "dropwatch run --full   # 没有新文件也重建 / rebuild anyway"},
	"demo":    {"dropwatch demo", "dropwatch demo --dir /tmp/demo --children 20000 --seed 7"},
	"serve":   {"dropwatch serve --config dropwatch.toml", "dropwatch serve --http 10.0.0.5:8080 --grace 10m"},
	"jobs":    {"dropwatch jobs list", "dropwatch jobs run nightly", "dropwatch jobs history"},
	"sql":     {"dropwatch sql", "dropwatch sql -c \"SELECT * FROM mart.violations\"", "dropwatch sql --format csv -c \"SELECT * FROM mart.indicators\" > indicators.csv"},
	"export":  {"dropwatch export --to out/parquet", "dropwatch export --format xlsx --relations indicators,violations --to out/xlsx", "dropwatch export --restricted --relations dropouts --format csv --to out/named"},
	"explain": {"dropwatch explain primary_dropout --year 2024", "dropwatch explain junior_dropout --year 2024 --scope school:4305210003 --restricted"},
	"rollup":  {"dropwatch rollup --to province.duckdb county-a/ county-b/", "dropwatch rollup --memory-limit 8GB --threads 4 --to province.duckdb exports/*/"},
	"restore": {"dropwatch restore", "dropwatch restore --from warehouse/backups/dropwatch-20261205.duckdb"},
	"config":  {"dropwatch config", "dropwatch config --config /srv/dropwatch/dropwatch.toml"},
	"version": {"dropwatch version"},
}
