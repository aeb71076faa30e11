package reports

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// reuseOptions are testOptions with a program identity and an earlier
// site to reuse, built at hour h of day d of October 2025 as run id.
func reuseOptions(previous, id string, d, h int) Options {
	opt := testOptions
	opt.Program = "test-program"
	opt.Previous = previous
	opt.RunID = id
	opt.Generated = time.Date(2025, 10, d, h, 0, 0, 0, time.UTC)
	return opt
}

// buildInto builds the site of db into a new folder with opt.
func buildInto(t *testing.T, db *sql.DB, opt Options) (string, *Site) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	site, err := Build(context.Background(), db, dir, opt)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir, site
}

// The fixture town has nine workbooks a build may reuse: the four
// restricted lists and the 核查表 of its open cases (fixture_cases_test.go):
// 东山村 (陈小红, 张小明, 吴一), 西岭村 (孙丽), and the schools of 张小明
// (2144000001), 吴一 (2144000002) and 孙丽 (2144000003); 陈小红 has no school.
var reusable = []string{
	"restricted/dropouts.xlsx", "restricted/handoff.xlsx", "restricted/quarantine.xlsx", "restricted/unaccounted.xlsx",
	"restricted/worklists/school-2144000001.xlsx", "restricted/worklists/school-2144000002.xlsx",
	"restricted/worklists/school-2144000003.xlsx", "restricted/worklists/village-441302101201.xlsx",
	"restricted/worklists/village-441302101202.xlsx",
}

// A build given an earlier site of the same data reuses every workbook
// it can (the same file, hard-linked: its bytes and mode as they were),
// though its run id and time differ; the public workbooks are made again.
// After one case of 东山村's 核查表 changed in the warehouse, only that
// 核查表 is made again; on a new day, also the four lists that print
// their day of issue.
func TestUnchangedWorkbooksAreReused(t *testing.T) {
	db := newTestDB(t)
	first, site1 := buildInto(t, db, reuseOptions("", "run-1", 10, 9))
	if len(site1.Reused) != 0 {
		t.Errorf("a build without an earlier site reused %v", site1.Reused)
	}
	checkDigests(t, first, reusable)

	second, site2 := buildInto(t, db, reuseOptions(first, "run-2", 10, 21))
	if !slices.Equal(sorted(site2.Reused), reusable) {
		t.Errorf("reused, same data:\n got %v\nwant %v", site2.Reused, reusable)
	}
	if !slices.Equal(site2.Workbooks, site1.Workbooks) {
		t.Errorf("workbooks:\n got %v\nwant %v", site2.Workbooks, site1.Workbooks)
	}
	checkShared(t, first, second, site2, reusable)
	checkDigests(t, second, reusable)

	if _, err := db.Exec(`UPDATE mart.case_worklist SET guardian_phone = '13800009999'
		WHERE case_id = '2024-1-440101201801010077'`); err != nil {
		t.Fatal(err)
	}
	third, site3 := buildInto(t, db, reuseOptions(second, "run-3", 10, 22))
	changed := "restricted/worklists/village-441302101201.xlsx"
	want := slices.DeleteFunc(slices.Clone(reusable), func(p string) bool { return p == changed })
	if !slices.Equal(sorted(site3.Reused), want) {
		t.Errorf("reused after 陈小红's phone changed:\n got %v\nwant %v", site3.Reused, want)
	}
	checkShared(t, second, third, site3, want)
	if !strings.Contains(xlsxText(t, filepath.Join(third, changed)), "13800009999") {
		t.Errorf("%s was not made again: no new phone number", changed)
	}

	fourth, site4 := buildInto(t, db, reuseOptions(third, "run-4", 11, 9))
	worklists := slices.DeleteFunc(slices.Clone(reusable), func(p string) bool { return !strings.Contains(p, "worklists/") })
	if !slices.Equal(sorted(site4.Reused), worklists) {
		t.Errorf("reused on a new day:\n got %v\nwant %v", site4.Reused, worklists)
	}
	checkShared(t, third, fourth, site4, worklists)
}

// checkShared checks that the reused workbooks of site (in dir) are the
// files of prev, and that every other workbook is a file of its own.
func checkShared(t *testing.T, prev, dir string, site *Site, reused []string) {
	t.Helper()
	for _, p := range site.Workbooks {
		a, b := filepath.Join(prev, p), filepath.Join(dir, p)
		ai, err := os.Stat(a)
		if err != nil {
			t.Fatal(err)
		}
		bi, err := os.Stat(b)
		if err != nil {
			t.Fatal(err)
		}
		if same := os.SameFile(ai, bi); same != slices.Contains(reused, p) {
			t.Errorf("%s: same file as the earlier site's %v, want %v", p, same, !same)
		}
		if want := os.FileMode(0o644); strings.HasPrefix(p, "restricted/") {
			if want = 0o600; bi.Mode().Perm() != want {
				t.Errorf("%s mode %o, want %o", p, bi.Mode().Perm(), want)
			}
		}
		if slices.Contains(reused, p) && !bytes.Equal(readBytes(t, a), readBytes(t, b)) {
			t.Errorf("%s: reused, yet its bytes differ", p)
		}
	}
}

// checkDigests checks the site's DigestsFile: owner-only, and a record
// of exactly the reusable workbooks.
func checkDigests(t *testing.T, dir string, want []string) {
	t.Helper()
	p := filepath.Join(dir, DigestsFile)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s mode %o, want 600", DigestsFile, fi.Mode().Perm())
	}
	var d digests
	if err := json.Unmarshal(readBytes(t, p), &d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range d.Workbooks {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s records:\n got %v\nwant %v", DigestsFile, got, want)
	}
}

// sorted returns a sorted copy of paths.
func sorted(paths []string) []string { return slices.Sorted(slices.Values(paths)) }

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An earlier file that is not the one its record describes (other bytes,
// another mode, a symbolic link) is made again, not reused; a build of
// another program, or over an earlier site whose digests cannot be read,
// reuses nothing and still succeeds.
func TestReuseRefusesChangedFiles(t *testing.T) {
	db := newTestDB(t)
	first, _ := buildInto(t, db, reuseOptions("", "run-1", 10, 9))
	res := filepath.Join(first, "restricted")
	// New files in place of the recorded ones (the earlier site's files
	// are never written to); dropouts.xlsx keeps its size, one byte off.
	other := filepath.Join(res, "dropouts.xlsx")
	b := readBytes(t, other)
	b[len(b)/2] ^= 1
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(res, "handoff.xlsx"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(res, "quarantine.xlsx")
	if err := os.Rename(link, link+".moved"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("quarantine.xlsx.moved", link); err != nil {
		t.Fatal(err)
	}
	dir, site := buildInto(t, db, reuseOptions(first, "run-2", 10, 10))
	want := slices.DeleteFunc(slices.Clone(reusable), func(p string) bool {
		return slices.Contains([]string{"restricted/dropouts.xlsx", "restricted/handoff.xlsx", "restricted/quarantine.xlsx"}, p)
	})
	if !slices.Equal(sorted(site.Reused), want) {
		t.Errorf("reused with three earlier files changed:\n got %v\nwant %v", sorted(site.Reused), want)
	}
	for _, f := range []string{"dropouts.xlsx", "handoff.xlsx", "quarantine.xlsx"} {
		fi, err := os.Lstat(filepath.Join(dir, "restricted", f))
		if err != nil {
			t.Fatal(err)
		}
		if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 || fi.Size() < 1000 {
			t.Errorf("%s made again: mode %v, %d bytes", f, fi.Mode(), fi.Size())
		}
	}

	opt := reuseOptions(dir, "run-3", 10, 11)
	opt.Program = "another-program"
	if _, site := buildInto(t, db, opt); len(site.Reused) != 0 {
		t.Errorf("another program reused %v", site.Reused)
	}
	if err := os.WriteFile(filepath.Join(dir, DigestsFile), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, site := buildInto(t, db, reuseOptions(dir, "run-4", 10, 12)); len(site.Reused) != 0 {
		t.Errorf("unreadable digests: reused %v", site.Reused)
	}
	opt = reuseOptions(first, "run-5", 10, 13)
	opt.Program = ""
	if nd, site := buildInto(t, db, opt); len(site.Reused) != 0 {
		t.Errorf("no program identity: reused %v", site.Reused)
	} else if _, err := os.Stat(filepath.Join(nd, DigestsFile)); err == nil {
		t.Errorf("no program identity, yet %s written", DigestsFile)
	}
}
