// Package export takes relations of the published warehouse elsewhere:
// Parquet in a Hive layout (partitioned by county and school year, for
// DuckDB, Spark or Trino), CSV in UTF-8 with a byte-order mark (so Excel
// reads the Chinese right), and .xlsx with one sheet per relation and
// Chinese headers from the column comments. Relations that name children
// leave only with Restricted set.
package export

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/query"
)

// Formats.
const (
	Parquet = "parquet"
	CSV     = "csv"
	XLSX    = "xlsx"
)

// Options say what to export and where.
type Options struct {
	Warehouse string          // the published warehouse file
	Engine    engine.Settings // the configuration's [duckdb] limits
	Dir       string          // output folder, created if missing
	Format    string          // parquet, csv or xlsx
	Relations []string        // schema.name or mart names; none: every mart relation
	Query     string          // export this query instead of relations
	Name      string          // the query's output name (default "query")
	// Restricted allows relations and queries holding personal data
	// (names, identity numbers, phones). Without it they are skipped when
	// exporting every mart, and refused when named.
	Restricted bool
	// County is the county code written as the county partition of
	// Parquet; empty takes the first six digits of the town code stored
	// in the warehouse (config.town).
	County string
}

// File is one relation written.
type File struct {
	Relation string
	Path     string // a file, or a folder of Parquet partitions
	Sheet    string // the sheet, in a workbook
	Rows     int64
	Personal bool
}

// Result lists what was written and what was left out.
type Result struct {
	Files   []File
	Skipped []string // personal relations left out for want of Restricted
}

// Export writes the chosen relations. It reads them all through one
// read-only handle, so they come from the same published state even if a
// run publishes meanwhile. Every output is written beside its final name
// and renamed into place: an interrupted export leaves no half files.
func Export(ctx context.Context, o Options) (*Result, error) {
	if !slices.Contains([]string{Parquet, CSV, XLSX}, o.Format) {
		return nil, fmt.Errorf("格式只能是 parquet、csv 或 xlsx / format must be parquet, csv or xlsx, got %q", o.Format)
	}
	db, err := query.Open(o.Warehouse, o.Engine)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	srcs, res, err := sources(ctx, db, o)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("export folder: %w", err)
	}
	if o.Format == XLSX {
		f, err := writeWorkbook(ctx, db, o, srcs)
		if err != nil {
			return nil, err
		}
		res.Files = f
		return res, restrictModes(o, res.Files)
	}
	for _, s := range srcs {
		f, err := writeOne(ctx, db, o, s)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", s.name, err)
		}
		res.Files = append(res.Files, f)
	}
	return res, restrictModes(o, res.Files)
}

// restrictModes makes a --restricted export owner-only, whatever the
// umask: files 0600, folders 0700 (the export folder too). DuckDB and
// os.Create make them 0644.
func restrictModes(o Options, files []File) error {
	if !o.Restricted {
		return nil
	}
	if err := os.Chmod(o.Dir, 0o700); err != nil {
		return fmt.Errorf("restrict export folder: %w", err)
	}
	for _, f := range files {
		err := filepath.WalkDir(f.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			mode := fs.FileMode(0o600)
			if d.IsDir() {
				mode = 0o700
			}
			return os.Chmod(p, mode)
		})
		if err != nil {
			return fmt.Errorf("restrict %s: %w", f.Path, err)
		}
		// The folders between the export folder and the file (mart/ of
		// a Parquet export).
		for d := filepath.Dir(f.Path); strings.HasPrefix(d, filepath.Clean(o.Dir)+string(filepath.Separator)); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o700); err != nil {
				return fmt.Errorf("restrict %s: %w", d, err)
			}
		}
	}
	return nil
}

// source is one relation or query to write.
type source struct {
	name     string // schema.name, or the query's name
	sql      string // SELECT producing it
	cols     []query.ColumnInfo
	comment  string
	personal bool
}

func (s source) hasColumn(name string) bool {
	return slices.ContainsFunc(s.cols, func(c query.ColumnInfo) bool { return c.Name == name })
}

func writeOne(ctx context.Context, db *sql.DB, o Options, s source) (File, error) {
	switch o.Format {
	case Parquet:
		return writeParquet(ctx, db, o, s)
	default:
		return writeCSV(ctx, db, o, s)
	}
}

// fileBase is the file or folder name of a relation: schema.name → schema/name
// for Parquet (a Hive table location), schema.name.csv for CSV.
func fileBase(name string) string {
	return strings.ReplaceAll(name, "/", "_")
}

// place renames tmp over final, removing an older final first.
func place(tmp, final string) error {
	if err := os.RemoveAll(final); err != nil {
		return fmt.Errorf("replace %s: %w", final, err)
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, final)
}

// sqlString quotes a string literal for DuckDB.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident quotes an identifier for DuckDB.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
