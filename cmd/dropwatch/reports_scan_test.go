package main

// Scans of the demo's site (TestDemoReports): relative URLs everywhere,
// no identity number, phone number or unmasked child's name in public/.

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dropwatch/privacy"
	"dropwatch/reports/reporttest"
)

// rptCheckURLs requires every href and src to be a relative path inside
// the page's tier naming a written file.
func rptCheckURLs(t *testing.T, out string, pages []string) {
	for _, page := range pages {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		reporttest.CheckPage(t, out, page, string(b))
	}
}

// rptCheckPublic scans every file of out/public (workbooks by their cells)
// for identity numbers, phone numbers and the unmasked names of the
// children on the named lists.
func rptCheckPublic(t *testing.T, dir string) {
	names := rptNames(t, filepath.Join(dir, "warehouse", "dropwatch.duckdb"))
	// The scan has teeth: the restricted lists do carry these names.
	named := rptText(t, filepath.Join(dir, "out", "restricted", "unaccounted.html")) +
		rptText(t, filepath.Join(dir, "out", "restricted", "dropouts.html"))
	found := 0
	for _, n := range names {
		if strings.Contains(named, n) {
			found++
		}
	}
	if found < len(names)/2 {
		t.Errorf("only %d of %d names found in the restricted lists", found, len(names))
	}
	root, err := filepath.EvalSymlinks(filepath.Join(dir, "out", "public"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".js") {
			return err
		}
		text := rptText(t, p)
		if m := privacy.IDNumberLike.FindString(text); m != "" {
			t.Errorf("%s holds identity-number-like %q", p, m)
		}
		if m := privacy.PhoneLike.FindString(text); m != "" {
			t.Errorf("%s holds phone-like %q", p, m)
		}
		for _, n := range names {
			if strings.Contains(text, n) {
				t.Errorf("%s holds the child's name %q unmasked", p, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rptText returns a file's text; a workbook's cells, tab-separated.
func rptText(t *testing.T, p string) string {
	if !strings.HasSuffix(p, ".xlsx") {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// rptNames reads the children's names of the named marts, leaving out
// names that are part of a school or village name (they can appear on
// public pages as places).
func rptNames(t *testing.T, warehouse string) []string {
	db, err := sql.Open("duckdb", warehouse+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`
		WITH names AS (SELECT name FROM mart.unaccounted_children UNION SELECT name FROM mart.dropouts),
		     places AS (SELECT DISTINCT scope_name AS place FROM mart.indicators
		                UNION SELECT DISTINCT school_name FROM mart.school_term_enrolment)
		SELECT name FROM names
		WHERE name IS NOT NULL AND length(name) >= 2
		  AND NOT EXISTS (SELECT 1 FROM places WHERE contains(place, name))
		ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if len(names) < 10 {
		t.Fatalf("only %d names on the demo's lists", len(names))
	}
	return names
}
