package rollup_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dropwatch"
	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/export"
	"dropwatch/pipeline/query"
	"dropwatch/pipeline/rollup"
	"dropwatch/pipeline/testwarehouse"
	"dropwatch/privacy"
)

// county is one generated county with its own dropwatch.
type county struct {
	code string
	cfg  pipeline.Config
}

func (c county) db(t *testing.T) *sql.DB {
	t.Helper()
	db, err := query.Open(c.cfg.Paths.Warehouse, engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func one[T any](t *testing.T, db *sql.DB, q string, args ...any) T {
	t.Helper()
	var v T
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// Three counties run their own dropwatch; two children cross a county
// line in year Y: mover M is on county A's household register, never in
// A's rosters (so on A's unaccounted list), and in school in county B;
// D is in school in A and on both A's and B's registers (so on B's
// unaccounted list). The roll-up counts each once: the province has one
// child fewer than the counties' registers add up to, and two fewer
// missing children than their lists add up to.
func TestRollupCountsMoversOnce(t *testing.T) {
	root := t.TempDir()
	var cs []county
	for i, code := range []string{"430521", "430522", "430523"} {
		o := demotown.Options{Seed: int64(11 + i), Children: 400, CountyCode: code, TownCode: code + "101", TownName: "县" + code}
		cs = append(cs, county{code: code, cfg: testwarehouse.Town(t, filepath.Join(root, code), o)})
	}
	a, b := cs[0], cs[1]
	adb := a.db(t)
	y := one[int32](t, adb, `SELECT max(school_year) FROM mart.children`)
	m := one[string](t, adb, `SELECT min(id_number) FROM mart.unaccounted_children WHERE school_year = ? AND term = 1 AND age BETWEEN 7 AND 11`, y)
	d := one[string](t, adb, `SELECT min(child_key) FROM mart.children WHERE school_year = ? AND in_household AND term1_status = '在读' AND age BETWEEN 8 AND 12`, y)
	moveIntoB(t, adb, b, int(y), m, d)

	before := counted(t, cs, int(y))
	// Every county exports into one shared folder: one Hive table per
	// relation, a county=… folder per county.
	share := filepath.Join(root, "share")
	for _, c := range cs {
		_, err := export.Export(context.Background(), export.Options{Warehouse: c.cfg.Paths.Warehouse, Dir: share,
			Format: export.Parquet, Relations: rollup.Relations, Restricted: true})
		if err != nil {
			t.Fatal(err)
		}
	}
	if parts, _ := filepath.Glob(filepath.Join(share, "mart", "children", "county=*")); len(parts) != 3 {
		t.Fatalf("shared folder holds %v, want the three counties' partitions", parts)
	}
	dirs := []string{share}
	out := filepath.Join(root, "province.duckdb")
	sums, err := rollup.Rollup(context.Background(), rollup.Options{Sources: dirs, Out: out, SQL: dropwatch.SQL()})
	if err != nil {
		t.Fatal(err)
	}
	var got rollup.Summary
	for _, s := range sums {
		if s.SchoolYear == int(y) {
			got = s
		}
	}
	want := rollup.Summary{SchoolYear: int(y), CountyRegisterRows: before.registered, Children: before.registered - 1,
		CountyUnaccountedRows: before.listed, InSchoolInAnotherCounty: 2, Unaccounted: before.listed - 2}
	if got != want {
		t.Errorf("year %d:\n got %+v\nwant %+v", y, got, want)
	}
	pdb, err := query.Open(out, engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer pdb.Close()
	for key, wantLists := range map[string]string{m: "[430521] [430522]", d: "[430521, 430522] [430521]"} {
		lists := one[string](t, pdb, `SELECT household_counties::VARCHAR || ' ' || enrolled_counties::VARCHAR FROM children WHERE school_year = ? AND child_key = ?`, y, key)
		if lists != wantLists {
			t.Errorf("%s: household, enrolled counties %s, want %s", privacy.MaskID(key), lists, wantLists)
		}
		if n := one[int64](t, pdb, `SELECT count(*) FROM unaccounted WHERE child_key = ? AND school_year = ?`, key, y); n != 0 {
			t.Errorf("%s is on the province's unaccounted list", privacy.MaskID(key))
		}
	}
	t.Logf("year %d: counties' registers %d rows → %d children; lists %d → %d missing in the province",
		y, got.CountyRegisterRows, got.Children, got.CountyUnaccountedRows, got.Unaccounted)
}

type totals struct{ registered, listed int64 }

// counted adds up what each county's own warehouse says for year y.
func counted(t *testing.T, cs []county, y int) totals {
	var s totals
	for _, c := range cs {
		db := c.db(t)
		s.registered += one[int64](t, db, `SELECT count(*) FROM mart.children WHERE school_year = ? AND in_household AND age BETWEEN 6 AND 15`, y)
		s.listed += one[int64](t, db, `SELECT count(*) FROM mart.unaccounted_children WHERE school_year = ? AND term = 1`, y)
	}
	return s
}

// moveIntoB puts M into a term-1 roster of county B (the school's whole
// snapshot again, plus M, since a roster file replaces its school's
// snapshot) and D into B's household register, then reruns B.
func moveIntoB(t *testing.T, adb *sql.DB, b county, y int, m, d string) {
	t.Helper()
	bdb, err := query.Open(b.cfg.Paths.Warehouse, engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	school := one[string](t, bdb, `SELECT min(school_code) FROM staging.roster WHERE school_year = ? AND term = 1 AND level = '小学'`, y)
	res, err := query.All(context.Background(), bdb, `SELECT name, gender, birth_date::VARCHAR, id_number, grade, class_no, status
		FROM staging.roster WHERE school_year = ? AND term = 1 AND school_code = ?`, y, school)
	if err != nil {
		t.Fatal(err)
	}
	var roster strings.Builder
	roster.WriteString("学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级,学籍状态\n")
	for _, r := range res.Rows {
		fmt.Fprintf(&roster, "%d,1,%s,%s,%s,%s,%s,%s,%s,%s\n", y, school, r[0], r[1], r[2], r[3], r[4], r[5], r[6])
	}
	var name, gender, birth string
	var age int
	if err := adb.QueryRow(`SELECT name, gender, birth_date::VARCHAR, age FROM mart.children WHERE school_year = ? AND child_key = ?`, y, m).
		Scan(&name, &gender, &birth, &age); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&roster, "%d,1,%s,%s,%s,%s,%s,%d,1,在读\n", y, school, name, gender, birth, m, age-5)
	village := one[string](t, bdb, `SELECT min(village_code) FROM staging.village`)
	if err := adb.QueryRow(`SELECT name, gender, birth_date::VARCHAR FROM mart.children WHERE school_year = ? AND child_key = ?`, y, d).
		Scan(&name, &gender, &birth); err != nil {
		t.Fatal(err)
	}
	household := fmt.Sprintf("学年,公民身份号码,姓名,性别,出生日期,村代码,户籍状态\n%d,%s,%s,%s,%s,%s,正常\n", y, d, name, gender, birth, village)
	write(t, filepath.Join(b.cfg.Paths.Inbox, "zz_转入学生名册.csv"), roster.String())
	write(t, filepath.Join(b.cfg.Paths.Inbox, "zz_迁入户籍.csv"), household)
	testwarehouse.Rerun(t, b.cfg)
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
