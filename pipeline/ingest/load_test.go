package ingest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func newLoader(t *testing.T) (*Loader, *sql.DB) {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "w.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := EnsureRaw(context.Background(), conn); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	return &Loader{Conn: conn, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RunID: "t", Now: now}, db
}

func write(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const rosterHeader = "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n"
const rosterRow = "2025,1,2143052103,赵子涵,男,2019-08-31,430521201908310114,一年级,1\n"

// A file that turns out unreadable after many good rows leaves no row.
func TestLoadIsAtomic(t *testing.T) {
	ld, db := newLoader(t)
	body := rosterHeader + strings.Repeat(rosterRow, 2000) + "2025,1,2143052103,\xff\xfe,男\n"
	res, err := ld.LoadFile(context.Background(), write(t, "bad.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Rejected || !strings.Contains(res.Message, "UTF-8") {
		t.Errorf("outcome %s message %q, want rejected for encoding", res.Outcome, res.Message)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
		t.Errorf("raw.roster holds %d rows of a rejected file", n)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.load_log WHERE outcome = 'rejected'"); n != 1 {
		t.Errorf("load_log rejected rows = %d, want 1", n)
	}
}

func TestLoadTwiceSkips(t *testing.T) {
	ld, db := newLoader(t)
	a := write(t, "a.csv", []byte(rosterHeader+rosterRow))
	b := write(t, "copy of a.csv", []byte(rosterHeader+rosterRow))
	for i, p := range []string{a, b, a} {
		res, err := ld.LoadFile(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		want := SkippedDuplicate
		if i == 0 {
			want = Loaded
		}
		if res.Outcome != want {
			t.Errorf("load %d: %s, want %s", i, res.Outcome, want)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 1 {
		t.Errorf("raw.roster = %d rows, want 1", n)
	}
}

// Row numbers are the spreadsheet's: header row 1, blank lines counted,
// a quoted cell spanning two lines is one row.
func TestRowNumbersAsASpreadsheetShows(t *testing.T) {
	ld, db := newLoader(t)
	body := "\n" + rosterHeader + // header is row 2
		rosterRow + // row 3
		"\n" + // row 4 blank
		"2025,1,2143052103,\"钱\n欣怡\",2,2016/3/7,430521201603070228,四年级,2\n" + // row 5
		"2025,1,2143052103,孙浩然,1,20120511,430521201205110336,六年级,1\n" // row 6, bad check digit
	if _, err := ld.LoadFile(context.Background(), write(t, "r.csv", []byte(body))); err != nil {
		t.Fatal(err)
	}
	var row int
	var col, reason string
	if err := db.QueryRow("SELECT row_number, column_name, reason FROM raw.cell_errors").Scan(&row, &col, &reason); err != nil {
		t.Fatal(err)
	}
	if row != 6 || col != "身份证件号" || !strings.Contains(reason, "校验") {
		t.Errorf("error at row %d column %s (%s), want row 6 身份证件号 check digit", row, col, reason)
	}
	if got := count(t, db, "SELECT max(_row) FROM raw.roster WHERE _ok"); got != 5 {
		t.Errorf("last good row = %d, want 5", got)
	}
}

func TestExtraColumnsKept(t *testing.T) {
	ld, db := newLoader(t)
	body := "备注," + rosterHeader + "转学生," + rosterRow
	if _, err := ld.LoadFile(context.Background(), write(t, "r.csv", []byte(body))); err != nil {
		t.Fatal(err)
	}
	var extra string
	if err := db.QueryRow("SELECT _extra FROM raw.roster").Scan(&extra); err != nil {
		t.Fatal(err)
	}
	if extra != `{"备注":"转学生"}` {
		t.Errorf("_extra = %s", extra)
	}
}

// A long file reports progress with growing row counts and fractions, and
// a final report when it is done.
func TestProgressOfALongFile(t *testing.T) {
	ld, _ := newLoader(t)
	var got []Progress
	ld.Progress = func(p Progress) { got = append(got, p) }
	ld.every = time.Nanosecond
	body := rosterHeader + strings.Repeat(rosterRow, 10000)
	if _, err := ld.LoadFile(context.Background(), write(t, "long.csv", []byte(body))); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Rows != 4096 || got[1].Rows != 8192 || !got[2].Done || got[2].Rows != 10000 {
		t.Fatalf("progress reports = %+v", got)
	}
	if got[0].Fraction <= 0 || got[0].Fraction >= got[1].Fraction || got[2].Fraction != 1 {
		t.Errorf("fractions %.3f %.3f %.3f, want growing to 1", got[0].Fraction, got[1].Fraction, got[2].Fraction)
	}
}
