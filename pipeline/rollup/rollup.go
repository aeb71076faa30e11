// Package rollup builds the provincial view from the counties' Parquet
// exports: each county runs its own dropwatch and writes `dropwatch export
// --parquet --restricted` to a shared folder; the roll-up reads them all
// with DuckDB and counts every child once, however many counties list it.
// The SQL is sql/rollup/province.sql; docs/scaling.md shows the same
// queries for Spark or Trino.
package rollup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the duckdb driver

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/models"
)

// Relations are the mart relations every county must export.
var Relations = []string{"children", "unaccounted_children", "indicators"}

// Options say where the county exports are and where the roll-up goes.
type Options struct {
	Sources []string        // county export folders (the --to of dropwatch export)
	Out     string          // the roll-up DuckDB file, replaced when it exists
	SQL     fs.FS           // the sql/ tree (dropwatch.SQL())
	Engine  engine.Settings // memory and thread limits ([duckdb] of the configuration)
}

// Summary is one school year of the summary table.
type Summary struct {
	SchoolYear              int
	CountyRegisterRows      int64 // 6-15-year-olds summed over the counties' registers
	Children                int64 // the same children, each counted once
	CountyUnaccountedRows   int64 // term-1 unaccounted lists summed over counties
	InSchoolInAnotherCounty int64 // of those, in school in another county
	Unaccounted             int64 // missing from school anywhere in the province
}

// Rollup reads the county exports and writes the roll-up file. The file is
// built beside Out and renamed into place, so a failed roll-up leaves the
// previous one.
func Rollup(ctx context.Context, o Options) ([]Summary, error) {
	if len(o.Sources) == 0 {
		return nil, errors.New("没有指定县级导出目录 / no county export folders given")
	}
	globs, err := sourceGlobs(o.Sources)
	if err != nil {
		return nil, err
	}
	script, err := fs.ReadFile(o.SQL, "rollup/province.sql")
	if err != nil {
		return nil, fmt.Errorf("read roll-up sql: %w", err)
	}
	macros, err := models.LoadMacros(o.SQL)
	if err != nil {
		return nil, fmt.Errorf("read roll-up sql: %w", err)
	}
	tmp := o.Out + ".tmp-rollup"
	os.Remove(tmp)
	defer os.Remove(tmp)
	sum, err := build(ctx, tmp, o.Engine, globs, macros, string(script))
	if err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, o.Out); err != nil {
		return nil, fmt.Errorf("publish roll-up: %w", err)
	}
	return sum, nil
}

// sourceGlobs checks every county folder holds the relations and returns,
// per relation, the Parquet globs of all counties.
func sourceGlobs(sources []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, src := range sources {
		for _, rel := range Relations {
			dir := filepath.Join(src, "mart", rel)
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("%s 中没有 mart.%s：在该县运行 dropwatch export --parquet --restricted --relations %s --to %s / %s lacks mart.%s",
					src, rel, strings.Join(Relations, ","), src, src, rel)
			}
			out[rel] = append(out[rel], filepath.Join(dir, "**", "*.parquet"))
		}
	}
	return out, nil
}

func build(ctx context.Context, path string, s engine.Settings, globs map[string][]string, macros []*models.Macro, script string) ([]Summary, error) {
	db, err := engine.Open(path, s, engine.ReadWrite)
	if err != nil {
		return nil, fmt.Errorf("create roll-up file: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA src"); err != nil {
		return nil, err
	}
	for _, rel := range Relations {
		if _, err := db.ExecContext(ctx, sourceView(rel, globs[rel])); err != nil {
			return nil, fmt.Errorf("read the counties' %s: %w", rel, err)
		}
	}
	if err := models.CreateMacros(ctx, db, macros); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, script); err != nil {
		return nil, fmt.Errorf("roll up: %w", err)
	}
	// The file keeps the results, not views over folders that may move.
	if _, err := db.ExecContext(ctx, "DROP SCHEMA src CASCADE; CHECKPOINT"); err != nil {
		return nil, err
	}
	return summaries(ctx, db)
}

// sourceView reads one relation of every county; the partition columns
// keep their types (county codes are text, with their leading digits).
func sourceView(rel string, globs []string) string {
	quoted := make([]string, len(globs))
	for i, g := range globs {
		quoted[i] = "'" + strings.ReplaceAll(g, "'", "''") + "'"
	}
	return fmt.Sprintf(`CREATE VIEW src.%s AS SELECT * FROM read_parquet([%s], hive_partitioning = true, union_by_name = true,
		hive_types = {'county': VARCHAR, 'school_year': INTEGER})`, rel, strings.Join(quoted, ", "))
}

func summaries(ctx context.Context, db *sql.DB) ([]Summary, error) {
	rows, err := db.QueryContext(ctx, `SELECT school_year, county_register_rows_6_15, children_6_15,
		county_unaccounted_rows, in_school_in_another_county, unaccounted FROM summary ORDER BY school_year`)
	if err != nil {
		return nil, fmt.Errorf("read the summary: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		if err := rows.Scan(&s.SchoolYear, &s.CountyRegisterRows, &s.Children, &s.CountyUnaccountedRows,
			&s.InSchoolInAnotherCounty, &s.Unaccounted); err != nil {
			return nil, fmt.Errorf("read the summary: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
