package export_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/export"
	"dropwatch/pipeline/query"
	"dropwatch/pipeline/testwarehouse"
	"dropwatch/privacy"
)

func TestMain(m *testing.M) { testwarehouse.Main(m) }

func openWH(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := query.Open(path, engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fingerprint is an order-independent checksum of a relation's rows over
// the given columns, each cast to its warehouse type.
func fingerprint(t *testing.T, db *sql.DB, from string, cols []query.ColumnInfo) string {
	t.Helper()
	exprs := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = fmt.Sprintf(`CAST("%s" AS %s)`, c.Name, c.Type)
	}
	var n, sum sql.NullString
	q := fmt.Sprintf(`SELECT count(*)::VARCHAR, sum(hash(%s))::VARCHAR FROM %s`, strings.Join(exprs, ", "), from)
	if err := db.QueryRow(q).Scan(&n, &sum); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n.String + "/" + sum.String
}

// Every mart written as Parquet reads back with the same rows: the same
// count and the same checksum over every column, partition columns
// included.
func TestParquetRoundTrip(t *testing.T) {
	wh := testwarehouse.Demo(t, 600)
	dir := t.TempDir()
	res, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: dir, Format: export.Parquet, Restricted: true})
	if err != nil {
		t.Fatal(err)
	}
	db := openWH(t, wh)
	rels, err := query.Relations(context.Background(), db, "mart")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != len(rels) || len(res.Skipped) != 0 {
		t.Fatalf("wrote %d relations, skipped %v; the warehouse has %d marts", len(res.Files), res.Skipped, len(rels))
	}
	for i, f := range res.Files {
		r := rels[i]
		glob := filepath.Join(f.Path, "**", "*.parquet")
		back := fmt.Sprintf(`read_parquet('%s', hive_partitioning = true, union_by_name = true)`, glob)
		got, want := fingerprint(t, db, back, r.Columns), fingerprint(t, db, r.FullName(), r.Columns)
		if got != want {
			t.Errorf("%s: parquet %s, warehouse %s", r.FullName(), got, want)
		}
		if !strings.HasPrefix(want, fmt.Sprint(f.Rows)+"/") {
			t.Errorf("%s: reported %d rows, warehouse %s", r.FullName(), f.Rows, want)
		}
	}
	// The partition folders are county=430521/school_year=Y.
	years, _ := filepath.Glob(filepath.Join(dir, "mart", "indicators", "county=430521", "school_year=*"))
	if len(years) < 2 {
		t.Errorf("indicators partitions: %v", years)
	}
}

// Without --restricted the named lists stay home: exporting every mart
// skips those declared restricted (and what is written holds no identity
// number or phone), naming one is refused, a query reading one is refused.
func TestPersonalDataNeedsRestricted(t *testing.T) {
	wh := testwarehouse.Demo(t, 600)
	ctx := context.Background()
	res, err := export.Export(ctx, export.Options{Warehouse: wh, Dir: t.TempDir(), Format: export.CSV})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		body, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if m := privacy.IDNumberLike.FindString(string(body)); m != "" {
			t.Errorf("%s exported without --restricted carries the identity number %s", f.Relation, m)
		}
		if m := privacy.PhoneLike.FindString(string(body)); m != "" {
			t.Errorf("%s exported without --restricted carries the phone %s", f.Relation, m)
		}
	}
	for _, want := range []string{"mart.dropouts", "mart.unaccounted_children", "mart.indicator_children"} {
		if !strings.Contains(strings.Join(res.Skipped, ","), want) {
			t.Errorf("skipped %v, want %s among them", res.Skipped, want)
		}
	}
	for _, o := range []export.Options{
		{Relations: []string{"dropouts"}},
		{Query: "SELECT school_year, count(*) FROM mart.unaccounted_children GROUP BY 1"},
		{Query: "SELECT id_number AS x FROM staging.household"},
		// The directories carry cadres' and principals' phones.
		{Relations: []string{"staging.village"}},
		{Relations: []string{"staging.school"}},
	} {
		o.Warehouse, o.Dir, o.Format = wh, t.TempDir(), export.CSV
		if _, err := export.Export(ctx, o); err == nil || !strings.Contains(err.Error(), "--restricted") {
			t.Errorf("%v %q: err %v, want a refusal naming --restricted", o.Relations, o.Query, err)
		}
	}
}

// CSV starts with a UTF-8 byte-order mark and has a header and every row.
func TestCSVHasBOMAndEveryRow(t *testing.T) {
	wh := testwarehouse.Demo(t, 600)
	dir := t.TempDir()
	res, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: dir, Format: export.CSV,
		Relations: []string{"mart.indicators", "dropouts"}, Restricted: true})
	if err != nil {
		t.Fatal(err)
	}
	db := openWH(t, wh)
	for _, f := range res.Files {
		body, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s: no byte-order mark", f.Path)
		}
		var want int
		db.QueryRow("SELECT count(*) FROM " + f.Relation).Scan(&want)
		if lines := bytes.Count(body, []byte("\n")) - 1; lines != want || int(f.Rows) != want {
			t.Errorf("%s: %d lines, reported %d, warehouse %d", f.Path, lines, f.Rows, want)
		}
	}
}

// The workbook has one sheet per relation with Chinese headers, and the
// identity numbers of mart.dropouts as text with every digit.
func TestWorkbookKeepsIdentityNumbersAsText(t *testing.T) {
	wh := testwarehouse.Demo(t, 600)
	dir := t.TempDir()
	res, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: dir, Format: export.XLSX,
		Relations: []string{"indicators", "dropouts"}, Restricted: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "说明,indicators,dropouts" {
		t.Errorf("sheets %v", got)
	}
	if h, _ := f.GetCellValue("indicators", "A1"); h != "学年" {
		t.Errorf("indicators A1 = %q, want the Chinese heading 学年", h)
	}
	db := openWH(t, wh)
	want := map[string]bool{}
	rows, err := db.Query("SELECT id_number FROM mart.dropouts")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		want[id] = true
	}
	rows.Close()
	col := columnOf(t, f, "dropouts", "身份证件号")
	got, _ := f.GetCols("dropouts")
	if len(want) == 0 || len(got[col])-1 != int(res.Files[1].Rows) {
		t.Fatalf("dropouts: %d ids in the warehouse, %d cells, %d rows reported", len(want), len(got[col])-1, res.Files[1].Rows)
	}
	for r, id := range got[col][1:] {
		cell, _ := excelize.CoordinatesToCellName(col+1, r+2)
		typ, _ := f.GetCellType("dropouts", cell)
		if !want[id] || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
			t.Errorf("%s = %q (type %v): not an identity number of mart.dropouts stored as text", cell, id, typ)
		}
	}
}

func columnOf(t *testing.T, f *excelize.File, sheet, heading string) int {
	t.Helper()
	head, _ := f.GetRows(sheet)
	for i, h := range head[0] {
		if strings.HasPrefix(h, heading) {
			return i
		}
	}
	t.Fatalf("%s has no column headed %s: %v", sheet, heading, head[0])
	return 0
}

// A text cell that Excel would run as a formula (=, +, -, @, tab, CR at
// its start) is written with a leading single quote, as OWASP advises;
// numbers are untouched. Before, =HYPERLINK(...) reached the CSV as it was.
func TestCSVEscapesFormulas(t *testing.T) {
	wh := testwarehouse.Demo(t, 600)
	dir := t.TempDir()
	q := `SELECT * FROM (VALUES (1, '=HYPERLINK("http://x","点")'), (2, '+1'), (3, '-2'), (4, '@SUM(A1)'), (5, e'\tx'), (6, '张三'), (-7, 'a=b')) t(n, s)`
	res, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: dir, Format: export.CSV, Query: q, Name: "hostile"})
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimPrefix(string(body), "\uFEFF")
	want := "n,s\n1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\"\n2,'+1\n3,'-2\n4,'@SUM(A1)\n5,'\tx\n6,张三\n-7,a=b\n"
	if got != want {
		t.Errorf("csv:\n%q\nwant\n%q", got, want)
	}
}

// A --restricted export is owner-only whatever the umask: files 0600,
// folders 0700 (before, 0644 and 0755). An export without it keeps the
// umask's modes: it holds no personal data.
func TestRestrictedExportOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	wh := testwarehouse.Demo(t, 600)
	for _, format := range []string{export.CSV, export.Parquet, export.XLSX} {
		dir := filepath.Join(t.TempDir(), "out")
		_, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: dir, Format: format,
			Relations: []string{"dropouts"}, Restricted: true})
		if err != nil {
			t.Fatal(err)
		}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			want := os.FileMode(0o600)
			if d.IsDir() {
				want = 0o700
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s %s: mode %o, want %o", format, p, st.Mode().Perm(), want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// An export does not depend on the order the build stored the rows in:
// the same relation stored in another order gives the same bytes.
func TestExportIgnoresStorageOrder(t *testing.T) {
	src, err := os.ReadFile(testwarehouse.Demo(t, 600))
	if err != nil {
		t.Fatal(err)
	}
	shuffled := filepath.Join(t.TempDir(), "shuffled.duckdb")
	if err := os.WriteFile(shuffled, src, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := engine.Open(shuffled, engine.Settings{}, engine.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TEMP TABLE kept AS FROM mart.indicators;
		DELETE FROM mart.indicators;
		INSERT INTO mart.indicators SELECT * FROM kept ORDER BY hash(kept) DESC;
		CHECKPOINT`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, wh := range []string{testwarehouse.Demo(t, 600), shuffled} {
		res, err := export.Export(context.Background(), export.Options{Warehouse: wh, Dir: t.TempDir(), Format: export.CSV,
			Relations: []string{"mart.indicators"}})
		if err != nil {
			t.Fatal(err)
		}
		body, err := os.ReadFile(res.Files[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(body))
	}
	if bodies[0] != bodies[1] {
		t.Error("mart.indicators exported from the same rows stored in another order differs")
	}
}
