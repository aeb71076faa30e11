package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRunReusesUnchangedWorkbooks runs the case town (cases_test.go) on
// 2026-03-10, then on 2026-03-15 with one new file: 青山村's 核查表 filled
// in as TestWorklistRoundTrip fills it. The open cases on 2026-03-10:
//
//	青山村 430521101201: OVER, BACK, EVM (no school), EOFF (school 2143052107)
//	白水村 430521101202: NOTDUE (no school)
//
// The returned list closes OVER and EVM and records a visit to BACK, all
// of 青山村; EOFF was not visited. So of the 12 workbooks (4 bulletins and
// the county report, always made; the 4 restricted lists, which print
// their day of issue and so are made again on a new day; 3 核查表) only
// 白水村's and school 2143052107's 核查表 are the published release's
// files; 青山村's is made again. Every 核查表 of the new release, reused
// or not, lists exactly the warehouse's open cases of its village or
// school. A --full run after it reuses nothing.
func TestRunReusesUnchangedWorkbooks(t *testing.T) {
	r, root := caseTown(t)
	before := inForceRelease(t, r)
	filled := filepath.Join(root, "filled", "青山村核查表_已填.xlsx")
	fillWorklist(t, filepath.Join(before, "restricted", "worklists", "village-430521101201.xlsx"), filled)
	b, err := os.ReadFile(filled)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.Config.Paths.Inbox, "青山村核查表_返回.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 15, 1, 0, 0, 0, time.UTC)
	r.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	var pub Event
	r.Events = func(ev Event) {
		if ev.Kind == EventPublished {
			pub = ev
		}
	}
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	if pub.Workbooks != 12 || pub.Reused != 2 {
		t.Errorf("published event: %d workbooks, %d reused; want 12, 2", pub.Workbooks, pub.Reused)
	}
	after := inForceRelease(t, r)
	want := []string{"restricted/worklists/school-2143052107.xlsx", "restricted/worklists/village-430521101202.xlsx"}
	if got := sameFiles(t, before, after); !slices.Equal(got, want) {
		t.Errorf("files shared with the release before:\n got %v\nwant %v", got, want)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	worklists, _ := filepath.Glob(filepath.Join(after, "restricted", "worklists", "*.xlsx"))
	for _, p := range worklists {
		kind, code, _ := strings.Cut(strings.TrimSuffix(filepath.Base(p), ".xlsx"), "-")
		open := queryStrings(t, db, "SELECT case_id FROM mart.case_worklist WHERE "+kind+"_code = '"+code+"'")
		f, _, rows := openWorklist(t, p)
		f.Close()
		var listed []string
		for _, row := range rows[1:] {
			listed = append(listed, row[0])
		}
		sameSet(t, filepath.Base(p), listed, open)
	}
	db.Close()

	r.Full = true
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	if pub.Workbooks != 12 || pub.Reused != 0 {
		t.Errorf("--full: %d workbooks, %d reused; want 12, 0", pub.Workbooks, pub.Reused)
	}
}

// sameFiles lists the .xlsx files of release b that are release a's
// files (the same inode), by slash path.
func sameFiles(t *testing.T, a, b string) []string {
	t.Helper()
	var same []string
	err := filepath.WalkDir(b, func(p string, d os.DirEntry, err error) error {
		if err != nil || filepath.Ext(p) != ".xlsx" {
			return err
		}
		rel, _ := filepath.Rel(b, p)
		bi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if ai, err := os.Stat(filepath.Join(a, rel)); err == nil && os.SameFile(ai, bi) {
			same = append(same, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return same
}

// inForceRelease is the folder of the release in force.
func inForceRelease(t *testing.T, r *Run) string {
	t.Helper()
	cur, err := (&Site{Out: r.Config.Paths.Out}).current()
	if err != nil || cur == "" {
		t.Fatalf("no release in force: %v", err)
	}
	return cur
}
