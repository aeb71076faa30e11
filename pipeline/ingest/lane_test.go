package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const laneHeader = "序号,缺勤原因,学年,姓名,月份,学校标识码,身份证件号,缺勤天数,应出勤天数,病事假天数"

// laneRows are 月考勤 lines that the lane reads itself or must leave to the
// validator: each comment says which rule the line tries.
var laneRows = []string{
	"1,,2023-2024学年,廖波一,9,2430521433,430521201602179432,0,20,0",
	"2,无故缺勤,2023-2024学年,廖波一,10,2430521433,430521201602179432,2,16,", // excused blank
	"3,,2023-2024学年,廖波一,11,2430521433,430521201602179432,0,21,0",
	"4,,2023-2024学年,廖波一,12,2430521433,430521201602179433,0,21,0",    // bad check digit between good rows
	"5,,2023-2024学年,廖波一,1,2430521433,430521201602179432,0,18,0",     // the good number again
	"6,,2023-2024学年,何二,9,2430521433,43052120090327974x,1,20,1",      // lower-case x
	"7,,2023-2024学年,何二,09,2430521433,43052120090327974X,0,20,0",     // leading zero
	"8,,2023-2024学年,何二,10月,2430521433,43052120090327974X,0,16,0",    // 月
	"9,,2023-2024学年,何二,１１,2430521433,43052120090327974X,0,21,0",     // full-width digits
	"10,,2023-2024学年, 何二 ,12,2430521433, 43052120090327974X,0,21,0", // spaces around
	"11,,2023-2024学年,何二　,1,2430521433,43052120090327974X,05,18,0",   // full-width space, 05
	"12,,2023-2024学年,,2,2430521433,43052120090327974X,0,18,0",       // name blank
	"13,,2023-2024学年,何二,2,2430521433,,0,18,0",                       // number blank
	"14,,2023-2024学年,何二,2,2430521433,H12345678,0,18,0",              // another document
	"14,,2023-2024学年,何二,2,2430521433,\u0085,0,18,0",                 // U+0085: a space to unicode, not to cells.Blank
	"15,,2023-2024学年,何二,11,2430521433,43052120090327974X,0,31,0",    // 31 days in November
	"16,,2023-2024学年,何二,3,2430521433,43052120090327974X,9,8,0",      // absent > required
	"17,,2023-2024学年,何二,4,2430521433,43052120090327974X,2,20,3",     // excused > absent
	"18,,2023-2024学年,何二,0,2430521433,43052120090327974X,0,20,0",     // month 0
	"19,,2023-2024学年,何二,13,2430521433,43052120090327974X,0,20,0",    // month 13
	"20,,2023-2024学年,何二,5,2430521433,43052120090327974X,32,20,0",    // 32 days
	"21,,2023-2024学年,何二,5,2430521433,43052120090327974X,-1,20,0",    // negative
	"22,,2023-2024学年,何二,5,2430521433,43052120090327974X,1.0,20,0",   // decimal
	"23,,2023,张三,9,2430521433,430521200810178659,0,20,0",            // year alone
	"24,,2023-2024,张三,10,2430521433,430521200810178659,0,20,0",      // year without 学年
	"25,,2023-2025学年,张三,11,2430521433,430521200810178659,0,20,0",    // not a school year
	"26,,2023-2024学年,张三,12,123,430521200810178659,0,20,0",           // short school code
	"27,,2023-2024学年,张三,1,２４３０５２１４３３,430521200810178659,0,20,0",     // full-width code
	"A1,,2023-2024学年,张三,2,2430521433,430521200810178659,0,20,0",     // 序号 not a number
	"007,,2023-2024学年,张三,3,2430521433,430521200810178659,0,20,0",    // 序号 with zeros
	",,2023-2024学年,张三,4,2430521433,430521200810178659,0,20,0",       // 序号 blank
	"31,,2023-2024学年,张三,5,2430521433,430521200810178659,0,20,0,多出",  // a cell beyond the header
	"32,,2023-2024学年,张三,6,2430521433,430521200810178659",            // cells missing
	"",          // blank line
	",,,,,,,,,", // only commas
	"33,病假,2023-2024学年,李四,9,2430521433,430521201209060427,3,20,3\r", // CRLF
	"34,,2023-2024学年,廖波一,2,2430521433,430521201602179432,0,18,0",    // an earlier pupil again
	"35,,2023-2024学年,李四,9,2430521433,430521201209060427,0,20,0",
	`36,"病假",2023-2024学年,李四,10,2430521433,430521201209060427,2,16,2`, // a quote: encoding/csv from here
	"37,,2023-2024学年,李四,11,2430521433,430521201209060427,0,21,0",
	"38,,2023-2024学年,李四,12,2430521433,430521201209060427,0,40,0",
}

// The lane only changes how fast a good row is read: the same 月考勤 file
// loaded with and without it stores the same rows, with the same canonical
// cells, and reports the same problems on the same rows.
func TestLaneAgreesWithValidator(t *testing.T) {
	path := write(t, "月考勤_通道.csv", []byte(laneHeader+"\n"+strings.Join(laneRows, "\n")+"\n"))
	src, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	layout, err := readHeader(src)
	if err != nil || laneFor(layout, src) == nil {
		t.Fatalf("the lane does not read this file (%v)", err)
	}
	src.Close()
	lane, db := loadDump(t, path, false)
	plain, _ := loadDump(t, path, true)
	sameLines(t, "through the lane", lane, "without", plain)
	// by hand, the lines above that break a rule, by 序号: a check digit,
	// a blank name and number, a number of U+0085 alone (the second 14),
	// 31 days in November, 9 absent of 8, 3
	// excused of 2 absent, months 0 and 13, 32 and -1 days, 2023-2025, a
	// 3-digit school, a cell beyond the header, cells missing, 40 days
	want := "[4 12 13 14 15 16 17 18 19 20 21 25 26 31 32 38]"
	got := dumpRows(t, db, `SELECT _extra->>'序号' FROM raw.attendance WHERE NOT _ok ORDER BY _row`)
	if fmt.Sprint(got) != want {
		t.Errorf("quarantined rows %s, want %s", got, want)
	}
}

// loadDump loads path into a fresh warehouse and returns its raw rows,
// cell errors and the load's counts, one line each, and the warehouse.
func loadDump(t *testing.T, path string, noLane bool) ([]string, *sql.DB) {
	t.Helper()
	db := loadFiles(t, func(ld *Loader) { ld.noLane = noLane }, path)
	lines := dumpRows(t, db, `SELECT _row, _ok, school_year, month, school_code, id_number, name,
		days_required, days_absent, days_excused, absence_reason, _extra FROM raw.attendance ORDER BY _row`)
	lines = append(lines, dumpRows(t, db, `SELECT row_number, column_name, value, reason
		FROM raw.cell_errors ORDER BY row_number, column_name, reason`)...)
	return append(lines, dumpRows(t, db, `SELECT rows_total, rows_quarantined, rows_skipped FROM raw.load_log`)...), db
}

// loadFiles loads paths in order into a fresh warehouse, its loader set
// up by set, and requires each to load.
func loadFiles(t *testing.T, set func(*Loader), paths ...string) *sql.DB {
	t.Helper()
	ld, db := newLoader(t)
	set(ld)
	for _, p := range paths {
		if res, err := ld.LoadFile(context.Background(), p); err != nil || res.Outcome != Loaded {
			t.Fatalf("load %s: %+v %v", filepath.Base(p), res, err)
		}
	}
	return db
}

// sameLines reports every line where got and want differ.
func sameLines(t *testing.T, gotName string, got []string, wantName string, want []string) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		if g, w := at(got, i), at(want, i); g != w {
			t.Errorf("line %d %s:\n  %s\n%s:\n  %s", i, gotName, g, wantName, w)
		}
	}
}

func dumpRows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return slices.Clip(out)
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return "(none)"
}

// FuzzLane: whatever a line of a 月考勤 file holds, between good lines, the
// lane and the validator append the same rows (each value as the part
// stores it), the same problems, and end with the same error.
func FuzzLane(f *testing.F) {
	for _, l := range laneRows {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		body := laneHeader + "\n" + laneRows[0] + "\n" + line + "\n" + laneRows[2] + "\n" + line + "\n" + laneRows[4] + "\n"
		sameLines(t, fmt.Sprintf("of line %q through the lane", line), recordRows(t, body, true), "without", recordRows(t, body, false))
	})
}

// recordRows reads a 月考勤 CSV through appendRows, with or without the
// lane, and returns what it appended and how it ended.
func recordRows(t *testing.T, body string, useLane bool) []string {
	t.Helper()
	src, err := newCSVRows(strings.NewReader(body), nopCloser{})
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	layout, err := readHeader(src)
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	var ln *lane
	if useLane {
		if ln = laneFor(layout, src); ln == nil {
			t.Fatal("the lane does not read the file")
		}
	}
	rec := &recordSink{w: newRowWriter(layout, columnNames(partOf(layout).columns()), fileMeta{})}
	var res Result
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	err = appendRows(rec, src, ln, layout, &res, now, newMeter(nil, time.Hour, src, ""))
	return append(rec.lines, fmt.Sprintf("rows %d quarantined %d skipped %d error %v", res.Rows, res.Quarantined, res.Skipped, err))
}

// recordSink keeps every row as the appender would write it, and every
// problem.
type recordSink struct {
	w     *rowWriter
	lines []string
}

func (s *recordSink) add(r rawRow) error {
	s.lines = append(s.lines, fmt.Sprintf("%q", s.w.values(r)))
	return nil
}

func (s *recordSink) problem(e cellError) error {
	s.lines = append(s.lines, fmt.Sprintf("problem %d %q %q %q", e.row, e.Column, e.Value, e.Reason))
	return nil
}

func (s *recordSink) close() error { return nil }
