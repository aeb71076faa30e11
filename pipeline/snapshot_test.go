package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withCheck completes 17 digits with the GB 11643 MOD 11-2 check character.
func withCheck(d17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range d17 {
		sum += int(c-'0') * w[i]
	}
	return d17 + string("10X98765432"[sum%11])
}

// primaryT2 is a (2025,2) roster of the fixture's primary school: the four
// children of its (2025,1) roster that are not quarantined (see
// fixtureFiles), then n-4 more third-graders born 2017-01-01..
func primaryT2(n int, class string) string { return primaryRoster(2025, 2, n, class) }

// primaryRoster is primaryT2 for another term.
func primaryRoster(year, term, n int, class string) string {
	var b strings.Builder
	b.WriteString("学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n")
	for _, r := range []string{
		"赵子涵,男,2019-08-31,430521201908310114,一年级",
		"钱欣怡,女,2016-03-07,430521201603070228,四年级",
		"孙浩然,男,2012-05-11,430521201205110335,六年级",
		"李雨桐,女,2011-12-01,43052120111201044X,五年级",
	} {
		fmt.Fprintf(&b, "%d,%d,2143052103,%s,%s\n", year, term, r, class)
	}
	for i := 5; i <= n; i++ {
		fmt.Fprintf(&b, "%d,%d,2143052103,学生%d,男,2017-01-%02d,%s,三年级,%s\n", year, term, i, i, withCheck(fmt.Sprintf("430521201701%02d%03d", i, 100+i)), class)
	}
	return b.String()
}

func addInbox(t *testing.T, r *Run, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(r.Config.Paths.Inbox, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A 补报 of a few pupils supplements the snapshot child by child; a re-send
// of at least half replaces it (inputs.md, 学籍名册). Before, the 2-row
// 补报 replaced the 10-row roster (fails on the old staging.roster_ranked:
// 2 children instead of 11).
func TestPartialResendSupplements(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	addInbox(t, r, "名册_小学_2025_2_a.csv", primaryT2(10, "1"))
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Two rows: 钱欣怡 moves to class 3, one new pupil. 2 < 10/2: supplement,
	// so the snapshot holds the 10 children and the new one, 11.
	addInbox(t, r, "名册_小学_2025_2_b补报.csv", "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n"+
		"2025,2,2143052103,钱欣怡,女,2016-03-07,430521201603070228,四年级,3\n"+
		"2025,2,2143052103,新同学,女,2017-02-02,"+withCheck("43052120170202066")+",三年级,2\n")
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	count := `SELECT count(*) FROM staging.roster WHERE school_year = 2025 AND term = 2 AND school_code = '2143052103'`
	if got := queryInts(t, db, count); !equal(got, []int64{11}) {
		t.Errorf("children in the snapshot after a 2-row 补报: %v, want 11", got)
	}
	if got := queryStrings(t, db, `SELECT class_no FROM staging.roster WHERE term = 2 AND id_number = '430521201603070228'`); len(got) != 1 || got[0] != "3" {
		t.Errorf("钱欣怡's class %v, want the 补报's 3", got)
	}
	want := "名册_小学_2025_2_b补报.csv|补报合并|2|10|名册_小学_2025_2_a.csv|true"
	got := queryStrings(t, db, `SELECT concat_ws('|', file_name, decision, children, snapshot_before, base_file_name, in_force) FROM audit.snapshot_sources`)
	if len(got) != 1 || got[0] != want {
		t.Errorf("audit.snapshot_sources = %v, want [%s]", got, want)
	}
	db.Close()
	page, err := os.ReadFile(filepath.Join(r.Config.Paths.Out, "public", "quality.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"名册_小学_2025_2_b补报.csv", "补报合并", "名册_小学_2025_2_a.csv"} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the data-quality page does not say %q", s)
		}
	}

	// A re-send of 6 children: 6 >= 11/2, so it replaces the snapshot,
	// and the 补报 is no longer in force.
	addInbox(t, r, "名册_小学_2025_2_c.csv", primaryT2(6, "2"))
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db = openRO(t, r.Config.Paths.Warehouse)
	if got := queryInts(t, db, count); !equal(got, []int64{6}) {
		t.Errorf("children after a 6-child re-send: %v, want 6", got)
	}
	got = queryStrings(t, db, `SELECT concat_ws('|', file_name, decision, in_force) FROM audit.snapshot_sources ORDER BY load_id`)
	if w := []string{"名册_小学_2025_2_b补报.csv|补报合并|false", "名册_小学_2025_2_c.csv|替换|true"}; strings.Join(got, ",") != strings.Join(w, ",") {
		t.Errorf("audit.snapshot_sources = %v, want %v", got, w)
	}
}

// A school whose next-term roster lacks more than half of its children,
// at least 10 of them unexplained, stops the build: the data test
// enrolment_drop_explained fails and nothing is published. The (2025,2)
// roster has 14 children (the 4 of (2025,1) and 10 more, none in a top
// grade of term 2 but 孙浩然 in 六年级); a (2026,1) roster of only 赵子涵
// leaves 12 unexplained: 12 >= 10 and 12*2 > 14.
func TestEnrolmentDropStopsTheBuild(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	addInbox(t, r, "名册_小学_2025_2.csv", primaryRoster(2025, 2, 14, "1"))
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := published(t, r)
	addInbox(t, r, "名册_小学_2026_1.csv", "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n"+
		"2026,1,2143052103,赵子涵,男,2019-08-31,430521201908310114,二年级,1\n")
	_, err := r.Execute(context.Background())
	var tf *TestsFailedError
	if !errors.As(err, &tf) || len(tf.Failed) != 1 || tf.Failed[0].Test != "enrolment_drop_explained" {
		t.Fatalf("err = %v, want the data test enrolment_drop_explained to fail", err)
	}
	if d := diff(before, published(t, r)); len(d) > 0 {
		t.Errorf("published files changed: %v", d)
	}
	// With every child listed again, the build passes.
	addInbox(t, r, "名册_小学_2026_1.csv", primaryRoster(2026, 1, 14, "1"))
	if _, err := r.Execute(context.Background()); err != nil {
		t.Errorf("a full roster: %v", err)
	}
}
