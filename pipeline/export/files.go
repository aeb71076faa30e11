package export

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"dropwatch/pipeline/query"
)

// countyCode is the county partition value: the option, else the first six
// digits of the town code the warehouse was built for.
func countyCode(ctx context.Context, db *sql.DB, o Options) (string, error) {
	code := o.County
	if code == "" {
		err := db.QueryRowContext(ctx, `SELECT coalesce(left(any_value(code), 6), '') FROM config.town`).Scan(&code)
		if err != nil {
			return "", fmt.Errorf("read the town code: %w", err)
		}
	}
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		return "", fmt.Errorf("县级代码应为 6 位数字，得到「%s」：在配置中设置 9 位乡镇代码，或用 --county 指定 / county code must be 6 digits, got %q", code, code)
	}
	return code, nil
}

// writeParquet writes a relation as <dir>/<schema>/<name>/county=C/
// school_year=Y/*.parquet (school_year only when the relation has one),
// the Hive layout DuckDB, Spark and Trino read as one partitioned table.
// It replaces only its own county's folder, so every county of a province
// can export into one shared folder and the relation is one table there.
func writeParquet(ctx context.Context, db *sql.DB, o Options, s source) (File, error) {
	county, err := countyCode(ctx, db, o)
	if err != nil {
		return File{}, err
	}
	table := filepath.Join(o.Dir, filepath.FromSlash(strings.Replace(fileBase(s.name), ".", "/", 1)))
	final := filepath.Join(table, "county="+county)
	tmp := filepath.Join(table, ".tmp-county="+county)
	if err := os.RemoveAll(tmp); err != nil {
		return File{}, err
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return File{}, fmt.Errorf("export folder: %w", err)
	}
	to, opts := filepath.Join(tmp, "data_0.parquet"), ""
	if s.hasColumn("school_year") {
		to, opts = tmp, ", PARTITION_BY (school_year), OVERWRITE_OR_IGNORE"
	}
	stmt := fmt.Sprintf(`COPY (%s) TO %s (FORMAT parquet, COMPRESSION zstd%s)`, s.sql, sqlString(to), opts)
	var rows int64
	if err := db.QueryRowContext(ctx, stmt).Scan(&rows); err != nil {
		os.RemoveAll(tmp)
		return File{}, fmt.Errorf("write parquet: %w", err)
	}
	if rows == 0 && s.hasColumn("school_year") {
		if err := emptyParquet(ctx, db, s, tmp); err != nil {
			os.RemoveAll(tmp)
			return File{}, err
		}
	}
	if err := place(tmp, final); err != nil {
		return File{}, err
	}
	return File{Relation: s.name, Path: table, Rows: rows, Personal: s.personal}, nil
}

// emptyParquet writes a file with the relation's columns and no rows, so
// an empty relation still reads back as a table with its schema rather
// than as a folder with no files. It goes under school_year=0 when the
// relation is partitioned by year, so every file sits at the same depth
// (Hive readers insist on it); no row carries that year.
func emptyParquet(ctx context.Context, db *sql.DB, s source, dir string) error {
	cols := "*"
	if s.hasColumn("school_year") {
		dir, cols = filepath.Join(dir, "school_year=0"), "* EXCLUDE (school_year)"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stmt := fmt.Sprintf(`COPY (SELECT %s FROM (%s) LIMIT 0) TO %s (FORMAT parquet)`, cols, s.sql, sqlString(filepath.Join(dir, "data_0.parquet")))
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("write empty parquet: %w", err)
	}
	return nil
}

// bom is the UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only with it.
const bom = "\uFEFF"

// writeCSV writes a relation as <dir>/<name>.csv in UTF-8 with a BOM and a
// header row. DuckDB writes the data; the BOM goes in front of it.
func writeCSV(ctx context.Context, db *sql.DB, o Options, s source) (File, error) {
	final := filepath.Join(o.Dir, fileBase(s.name)+".csv")
	body := final + ".tmp-body"
	defer os.Remove(body)
	stmt := fmt.Sprintf(`COPY (%s) TO %s (FORMAT csv, HEADER, DATEFORMAT '%%Y-%%m-%%d')`, csvSafeSelect(s), sqlString(body))
	var rows int64
	if err := db.QueryRowContext(ctx, stmt).Scan(&rows); err != nil {
		return File{}, fmt.Errorf("write csv: %w", err)
	}
	tmp := final + ".tmp-export"
	if err := prependBOM(body, tmp); err != nil {
		os.Remove(tmp)
		return File{}, err
	}
	if err := place(tmp, final); err != nil {
		return File{}, err
	}
	return File{Relation: s.name, Path: final, Rows: rows, Personal: s.personal}, nil
}

// csvSafeSelect selects the source with every text column passed through
// query.CSVSafeSQL, so no cell of the CSV starts a spreadsheet formula.
func csvSafeSelect(s source) string {
	if len(s.cols) == 0 {
		return s.sql
	}
	exprs := make([]string, len(s.cols))
	for i, c := range s.cols {
		exprs[i] = ident(c.Name)
		if c.Type == "VARCHAR" {
			exprs[i] = query.CSVSafeSQL(ident(c.Name)) + " AS " + ident(c.Name)
		}
	}
	return "SELECT " + strings.Join(exprs, ", ") + " FROM (" + s.sql + ")"
}

func prependBOM(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	if _, err := w.WriteString(bom); err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		out.Close()
		return fmt.Errorf("write csv: %w", err)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
