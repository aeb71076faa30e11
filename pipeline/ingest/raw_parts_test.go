package ingest

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// partCount is how many part tables raw.<kind> has.
func partCount(t *testing.T, db *sql.DB, kind string) int {
	t.Helper()
	return count(t, db, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND starts_with(table_name, '"+kind+"__')")
}

// Files with the same columns share a part whatever their header order;
// a file with another column set gets its own; the view shows every
// column of the kind, NULL where a file lacks it, with the file's name.
func TestPartsFollowTheColumnsOfAFile(t *testing.T) {
	ld, db := newLoader(t)
	ctx := context.Background()
	reordered := "姓名,学年,学期,学校标识码,性别,出生日期,身份证件号,年级,班级\n" +
		"钱欣怡,2025,1,2143052103,女,2016-03-07,430521201603070220,四年级,2\n"
	withStatus := strings.TrimSuffix(rosterHeader, "\n") + ",学籍状态\n" + strings.TrimSuffix(rosterRow, "\n") + ",在读\n"
	badDate := strings.Replace(rosterRow, "2019-08-31", "2019-02-30", 1)
	for name, body := range map[string]string{"a.csv": rosterHeader + rosterRow + badDate,
		"b.csv": reordered, "c.csv": withStatus} {
		if res, err := ld.LoadFile(ctx, write(t, name, []byte(body))); err != nil || res.Outcome != Loaded {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
	if n := partCount(t, db, "roster"); n != 2 {
		t.Errorf("%d roster parts, want 2 (a and b share one)", n)
	}
	got := queryStrings(t, db, `SELECT _file || ':' || _row || ':' || coalesce(status, '-') || ':' ||
		coalesce(birth_date::VARCHAR, 'NULL') || ':' || school_year || ':' || name
		FROM raw.roster ORDER BY _file, _row`)
	want := []string{"a.csv:2:-:2019-08-31:2025:赵子涵", "a.csv:3:-:NULL:2025:赵子涵",
		"b.csv:2:-:2016-03-07:2025:钱欣怡", "c.csv:2:在读:2019-08-31:2025:赵子涵"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("raw.roster\n got %v\nwant %v", got, want)
	}
	types := queryStrings(t, db, `SELECT string_agg(data_type, ',' ORDER BY column_index) FROM duckdb_columns()
		WHERE schema_name = 'raw' AND table_name = 'roster' AND column_name IN ('school_year', 'term', 'birth_date', 'name')`)
	if len(types) != 1 || types[0] != "SMALLINT,UTINYINT,VARCHAR,DATE" {
		t.Errorf("view types %v, want SMALLINT,UTINYINT,VARCHAR,DATE", types)
	}
	// The date that did not parse is NULL in raw and kept as written in
	// raw.cell_errors.
	if v := queryStrings(t, db, "SELECT value FROM raw.cell_errors WHERE file_name = 'a.csv'"); len(v) != 1 || v[0] != "2019-02-30" {
		t.Errorf("cell errors of a.csv %v, want the date as written", v)
	}
}

// A rejected file leaves neither rows nor the part it created.
func TestRejectedFileLeavesNoPart(t *testing.T) {
	ld, db := newLoader(t)
	body := strings.TrimSuffix(rosterHeader, "\n") + ",学籍状态\n" + strings.Repeat(strings.TrimSuffix(rosterRow, "\n")+",在读\n", 10) +
		"2025,1,2143052103,\xff\xfe,男\n"
	res, err := ld.LoadFile(context.Background(), write(t, "bad.csv", []byte(body)))
	if err != nil || res.Outcome != Rejected {
		t.Fatalf("load: %+v %v, want rejected", res, err)
	}
	if n := partCount(t, db, "roster"); n != 0 {
		t.Errorf("%d roster parts after a rejected file, want 0", n)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
		t.Errorf("raw.roster holds %d rows", n)
	}
}

// A warehouse of the version before parts keeps its rows: its raw.roster
// table becomes a part, its text dates and years read as values (a text
// that is not one reads as NULL), and new files load beside it.
func TestLegacyRawTableBecomesAPart(t *testing.T) {
	ld, db := newLoader(t)
	ctx := context.Background()
	old := `DROP VIEW raw.roster;
	CREATE TABLE raw.roster (_load_id BIGINT, _file VARCHAR, _sheet VARCHAR, _row BIGINT, _ok BOOLEAN,
		school_year VARCHAR, term VARCHAR, school_code VARCHAR, name VARCHAR, birth_date VARCHAR, _extra VARCHAR);
	INSERT INTO raw.load_log (load_id, file_name, sheet, kind, outcome) VALUES (1, 'old.xlsx', 'Sheet1', 'roster', 'loaded');
	INSERT INTO raw.roster VALUES (1, 'old.xlsx', 'Sheet1', 2, true, '2024', '2', '2143052103', '孙浩然', '2015-06-01', NULL),
		(1, 'old.xlsx', 'Sheet1', 3, false, '2024', '2', '2143052103', '周子轩', '2015年13月', NULL);`
	if _, err := db.Exec(old); err != nil {
		t.Fatal(err)
	}
	if err := EnsureRaw(ctx, db); err != nil {
		t.Fatal(err)
	}
	if res, err := ld.LoadFile(ctx, write(t, "new.csv", []byte(rosterHeader+rosterRow))); err != nil || res.Outcome != Loaded {
		t.Fatalf("load: %+v %v", res, err)
	}
	got := queryStrings(t, db, `SELECT _file || ':' || coalesce(_sheet, '-') || ':' || _row || ':' || school_year || ':' ||
		term || ':' || coalesce(birth_date::VARCHAR, 'NULL') || ':' || name FROM raw.roster ORDER BY _load_id, _row`)
	want := []string{"old.xlsx:Sheet1:2:2024:2:2015-06-01:孙浩然", "old.xlsx:Sheet1:3:2024:2:NULL:周子轩",
		"new.csv:-:2:2025:1:2019-08-31:赵子涵"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("raw.roster\n got %v\nwant %v", got, want)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster__legacy"); n != 2 {
		t.Errorf("raw.roster__legacy holds %d rows, want 2", n)
	}
	if err := EnsureRaw(ctx, db); err != nil { // a second start changes nothing
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 3 {
		t.Errorf("raw.roster holds %d rows after a second start, want 3", n)
	}
}
