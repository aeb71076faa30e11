package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dropwatch/pipeline/demotown"
)

// The demo loads every file the generator writes, in every format, and
// quarantines exactly the cells the generator broke on purpose: one
// quarantine row per Manifest.Broken cell, same file, sheet, row and
// column (the unknown school code, found at build time, included).
func TestDemoLoadsEveryFileAndQuarantinesTheBrokenCells(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"demo", "--dir", dir}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("demo: code %d\n%s", code, errOut.String())
	}
	man, err := demotown.Generate(t.TempDir(), demotown.Options{Seed: 1, Children: 3000})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", filepath.Join(dir, "warehouse", "dropwatch.duckdb")+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkLoads(t, db, man)
	want := map[string]bool{}
	for _, b := range man.Broken {
		want[cellKey(b.File, b.Sheet, b.Row, b.Column)] = true
	}
	got, n := quarantined(t, db)
	if n != len(man.Broken) {
		t.Errorf("%d quarantine rows, %d broken cells", n, len(man.Broken))
	}
	for _, k := range sortedKeys(want) {
		if !got[k] {
			t.Errorf("broken cell not quarantined: %s", k)
		}
	}
	for _, k := range sortedKeys(got) {
		if !want[k] {
			t.Errorf("quarantined cell not in Manifest.Broken: %s", k)
		}
	}
	before := martsChecksum(t, db)
	db.Close()
	docExplainExamples(t, filepath.Join(dir, "warehouse", "dropwatch.duckdb"))
	secondRunLoadsNothing(t, dir, len(man.Files), before)
}

// docExplainExamples runs the explain lines of docs/analysts.md on the
// demo's warehouse, as printed there: each works and recounts its figure.
func docExplainExamples(t *testing.T, wh string) {
	t.Helper()
	doc, err := os.ReadFile("../../docs/analysts.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(line, "dropwatch explain ") {
			continue
		}
		n++
		args := append(strings.Fields(strings.TrimPrefix(line, "dropwatch ")), "--warehouse", wh)
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "按儿童重新计数") || !strings.Contains(out, "一致") {
			t.Errorf("docs/analysts.md example %q: code %d\n%s%s", line, code, out, errOut)
		}
	}
	if n < 3 {
		t.Errorf("found %d explain examples in docs/analysts.md, want 3", n)
	}
}

// secondRunLoadsNothing runs dropwatch again on the demo's inbox: every
// file is skipped as already loaded, and no mart changes.
func secondRunLoadsNothing(t *testing.T, dir string, files int, before string) {
	t.Helper()
	args := []string{"run", "--inbox", filepath.Join(dir, "inbox"),
		"--warehouse", filepath.Join(dir, "warehouse", "dropwatch.duckdb"), "--out", filepath.Join(dir, "out")}
	// Nothing is new: the run says so and builds nothing.
	if code, out, errOut := runCLI(t, args...); code != 0 || !strings.Contains(out, "没有新文件") {
		t.Fatalf("second run: code %d, %q %s", code, out, errOut)
	}
	// A full rebuild meets every file again and skips it by content.
	if code, _, errOut := runCLI(t, append(args, "--full")...); code != 0 {
		t.Fatalf("full run: %s", errOut)
	}
	db, err := sql.Open("duckdb", filepath.Join(dir, "warehouse", "dropwatch.duckdb")+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var skipped, loaded int
	err = db.QueryRow(`SELECT count(*) FILTER (WHERE outcome = 'skipped_duplicate'), count(*) FILTER (WHERE outcome = 'loaded') FROM audit.loads`).Scan(&skipped, &loaded)
	if err != nil {
		t.Fatal(err)
	}
	if skipped != files || loaded != files {
		t.Errorf("after the second run: %d skipped, %d loaded; want %d and %d", skipped, loaded, files, files)
	}
	if after := martsChecksum(t, db); after != before {
		t.Error("the second run changed the marts")
	}
}

// martsChecksum hashes the content of every mart table.
func martsChecksum(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'mart' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var sums []string
	for _, tbl := range tables {
		var sum sql.NullString
		q := "SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM mart." + tbl + " t"
		if err := db.QueryRow(q).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		sums = append(sums, tbl+"="+sum.String)
	}
	return strings.Join(sums, ",")
}

// checkLoads checks that every generated file was loaded and that the
// formats the generator reports include workbooks and GBK CSV.
func checkLoads(t *testing.T, db *sql.DB, man demotown.Manifest) {
	t.Helper()
	outcome := map[string]string{}
	rows, err := db.Query(`SELECT file_name, outcome || coalesce(': ' || message, '') FROM audit.loads`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, o string
		if err := rows.Scan(&name, &o); err != nil {
			t.Fatal(err)
		}
		outcome[name] = o
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, f := range man.Files {
		formats[f.Format]++
		if o := outcome[f.Name]; o != "loaded" {
			t.Errorf("%s (%s): outcome %q, want loaded", f.Name, f.Format, o)
		}
	}
	if len(outcome) != len(man.Files) {
		t.Errorf("%d files in audit.loads, %d generated", len(outcome), len(man.Files))
	}
	if formats["xlsx"] == 0 || formats["csv-gb18030"] == 0 {
		t.Errorf("formats of the demo: %v", formats)
	}
}

// quarantined returns the quarantined cells as keys, and the number of
// quarantine rows.
func quarantined(t *testing.T, db *sql.DB) (map[string]bool, int) {
	t.Helper()
	rows, err := db.Query(`SELECT file_name, coalesce(sheet, ''), row_number, column_name FROM audit.quarantine`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got, n := map[string]bool{}, 0
	for rows.Next() {
		n++
		var file, sheet, col string
		var row int
		if err := rows.Scan(&file, &sheet, &row, &col); err != nil {
			t.Fatal(err)
		}
		got[cellKey(file, sheet, row, col)] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got, n
}

// cellKey names a cell for comparison and messages.
func cellKey(file, sheet string, row int, col string) string {
	return fmt.Sprintf("%s [%s] row %d column %q", file, sheet, row, col)
}

// sortedKeys lists a set's keys in order.
func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
