package ingest

import (
	"context"
	"strings"
	"testing"
)

// rowGroup is DuckDB's row group, the Arrow sink's batch size.
const rowGroup = 122_880

// The broken rules of the row that fills a batch are recorded although
// they reach the writer after that batch, and the last batch is partial.
func TestProblemsOfTheRowThatFillsABatch(t *testing.T) {
	ld, db := newLoader(t)
	bad := "2025,1,2143052103,钱欣怡,女,2016-03-07,430521201603070229,四年级,2\n" // wrong check digit
	body := rosterHeader + strings.Repeat(rosterRow, rowGroup-1) + bad + strings.Repeat(rosterRow, 10) + bad
	res, err := ld.LoadFile(context.Background(), write(t, "r.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Loaded || res.Rows != rowGroup+11 || res.Quarantined != 2 {
		t.Fatalf("result %+v", res)
	}
	got := queryStrings(t, db, "SELECT string_agg(row_number::VARCHAR, ',' ORDER BY row_number) FROM raw.cell_errors")
	if want := "122881,122892"; len(got) != 1 || got[0] != want {
		t.Errorf("cell errors at rows %v, want %s", got, want)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster WHERE NOT _ok"); n != 2 {
		t.Errorf("%d rows quarantined in raw.roster, want 2", n)
	}
	if n := count(t, db, "SELECT count(DISTINCT _row) FROM raw.roster WHERE _load_id = 1 AND _file = 'r.csv' AND _sheet IS NULL"); n != rowGroup+11 {
		t.Errorf("%d distinct rows with the file's constants, want %d", n, rowGroup+11)
	}
}

// A file rejected after several batches were inserted leaves no row.
func TestRejectAfterSeveralBatches(t *testing.T) {
	ld, db := newLoader(t)
	body := rosterHeader + strings.Repeat(rosterRow, 2*rowGroup+100) + "2025,1,2143052103,\xff\xfe,男\n"
	res, err := ld.LoadFile(context.Background(), write(t, "bad.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Rejected {
		t.Errorf("outcome %s, want rejected", res.Outcome)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
		t.Errorf("raw.roster holds %d rows of a rejected file", n)
	}
}

// When the warehouse refuses a batch, the load stops with the error
// instead of reading on, and leaves no row.
func TestRefusedBatchStopsTheLoad(t *testing.T) {
	ld, db := newLoader(t)
	l, err := Recognise(strings.Split(strings.TrimSpace(rosterHeader), ","))
	if err != nil {
		t.Fatal(err)
	}
	ddl := strings.Replace(partOf(l).ddl(), "\n\tname VARCHAR", "\n\tname VARCHAR CHECK (name <> '坏')", 1)
	if _, err := db.Exec(ddl); err != nil {
		t.Fatal(err)
	}
	if err := refreshView(context.Background(), db, l.Kind); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(rosterRow, "赵子涵", "坏", 1)
	body := rosterHeader + bad + strings.Repeat(rosterRow, 3*rowGroup)
	res, err := ld.LoadFile(context.Background(), write(t, "r.csv", []byte(body)))
	if err == nil || !strings.Contains(err.Error(), "CHECK") {
		t.Fatalf("load: %+v, %v; want the constraint's error", res, err)
	}
	if n := count(t, db, "SELECT count(*) FROM raw.roster"); n != 0 {
		t.Errorf("raw.roster holds %d rows of a failed load", n)
	}
}
