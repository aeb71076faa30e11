package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// Extra columns stored one column each read back through raw.<kind> as
// the JSON text encoding/json wrote for _extra (extraWant), byte for
// byte: blank headers (第N列, one colliding with a header 第11列, the later
// non-blank cell kept), a header with quotes, cells that are integers as
// Go writes them (stored as numbers) and cells that only look like one
// ("0012", "+5", "-0", 2147483648, "12 ": kept as text). Through both
// sinks. DuckDB's to_json does not escape <, >, & or U+2028/9 as
// encoding/json does, so no cell here has them (TestExtraColumnsEscapes).
func TestExtraColumnsReadAsJSON(t *testing.T) {
	header := append(strings.Split(strings.TrimSpace(rosterHeader), ","), "序号", "", "备注", "第11列", "Z", `a'b"c`)
	vals := []string{"", " ", "1", "0", "-7", "0012", "+5", "2147483647", "2147483648", "-2147483648", "-0",
		"12 ", "转入", `x"y`, "a\\b", "\t1", "\x01", "1.5", "１２", "'"}
	r := rand.New(rand.NewPCG(17, 3))
	var rows [][]string
	wantInts := 0
	for range 300 {
		rec := strings.Split(strings.TrimSpace(rosterRow), ",")
		for range header[len(rec):] {
			v := vals[r.IntN(len(vals))]
			rec = append(rec, v)
		}
		rows = append(rows, rec)
	}
	l, err := Recognise(header)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range rows { // the number cells: the kept cell of each header that is an int32 as Go writes it
		var m map[string]string
		if w := extraWant(l, rec); w != "" {
			if err := json.Unmarshal([]byte(w), &m); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range m {
			if n, err := strconv.ParseInt(v, 10, 32); err == nil && strconv.FormatInt(n, 10) == v {
				wantInts++
			}
		}
	}
	for _, appender := range []bool{false, true} {
		t.Run(fmt.Sprintf("appender=%v", appender), func(t *testing.T) {
			ld, db := newLoader(t)
			ld.Appender = appender
			if res, err := ld.LoadFile(context.Background(), write(t, "x.csv", csvBody(t, header, rows))); err != nil || res.Outcome != Loaded {
				t.Fatalf("load: %+v %v", res, err)
			}
			got := queryStrings(t, db, "SELECT coalesce(_extra, '') FROM raw.roster ORDER BY _row")
			for i, rec := range rows {
				if want := extraWant(l, rec); got[i] != want {
					t.Errorf("row %q: _extra %q, want %q", rec[len(rec)-6:], got[i], want)
				}
			}
			cols := queryStrings(t, db, `SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index)
				FROM duckdb_columns() WHERE schema_name = 'raw' AND starts_with(table_name, 'roster__') AND starts_with(column_name, '_x')`)
			if want := `_x_Z VARCHAR, _xn_Z INTEGER, _x_a'b"c VARCHAR, _xn_a'b"c INTEGER, _x_备注 VARCHAR, _xn_备注 INTEGER, ` +
				`_x_序号 VARCHAR, _xn_序号 INTEGER, _x_第11列 VARCHAR, _xn_第11列 INTEGER`; len(cols) != 1 || cols[0] != want {
				t.Errorf("extra columns of the part\n got %q\nwant %q", cols, want)
			}
			part := queryStrings(t, db, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw' AND starts_with(table_name, 'roster__')")
			ints := count(t, db, fmt.Sprintf(`SELECT count("_xn_Z") + count("_xn_a'b""c") + count("_xn_备注") + count("_xn_序号") + count("_xn_第11列") FROM raw.%s`, part[0]))
			if ints != wantInts {
				t.Errorf("%d cells stored as numbers, want %d", ints, wantInts)
			}
		})
	}
}

// Cells encoding/json escapes and DuckDB's to_json does not read back as
// the same object.
func TestExtraColumnsEscapes(t *testing.T) {
	ld, db := newLoader(t)
	cell := "转入<备注>&甲\u2028乙"
	body := "备注," + rosterHeader + cell + "," + rosterRow
	if res, err := ld.LoadFile(context.Background(), write(t, "r.csv", []byte(body))); err != nil || res.Outcome != Loaded {
		t.Fatalf("load: %+v %v", res, err)
	}
	got := queryStrings(t, db, `SELECT json_extract_string(_extra, '$."备注"') FROM raw.roster`)
	if len(got) != 1 || got[0] != cell {
		t.Errorf("备注 read back as %q, want %q", got, cell)
	}
}

// A file with more extra headers than maxExtraColumns keeps them as one
// JSON text, _extra, as parts did before; a part of each layout reads
// through the same view.
func TestManyExtraColumnsKeepJSON(t *testing.T) {
	ld, db := newLoader(t)
	ctx := context.Background()
	var heads, cells []string
	for i := 1; i <= maxExtraColumns+1; i++ {
		heads, cells = append(heads, fmt.Sprintf("c%02d", i)), append(cells, strconv.Itoa(i))
	}
	files := map[string]string{
		"json.csv":    strings.Join(heads, ",") + "," + rosterHeader + strings.Join(cells, ",") + "," + rosterRow,
		"columns.csv": "序号," + rosterHeader + "7," + rosterRow,
	}
	for name, body := range files {
		if res, err := ld.LoadFile(ctx, write(t, name, []byte(body))); err != nil || res.Outcome != Loaded {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
	got := queryStrings(t, db, "SELECT _file || ' ' || _extra FROM raw.roster ORDER BY _file")
	want := []string{`columns.csv {"序号":"7"}`, `json.csv {"c01":"1","c02":"2","c03":"3","c04":"4","c05":"5","c06":"6",` +
		`"c07":"7","c08":"8","c09":"9","c10":"10","c11":"11","c12":"12","c13":"13","c14":"14","c15":"15","c16":"16","c17":"17"}`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := count(t, db, `SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'raw'
		AND starts_with(table_name, 'roster__') AND column_name = '_extra'`); n != 1 {
		t.Errorf("%d parts with _extra, want 1 (json.csv's)", n)
	}
}

// csvBody writes header and rows as CSV.
func csvBody(t *testing.T, header []string, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
