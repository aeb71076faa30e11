package models

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"dropwatch/pipeline/engine"
)

const rewriteSource = `
CREATE SCHEMA mart;
CREATE TABLE src (school_year INTEGER, k VARCHAR, o INTEGER, n INTEGER[]);
INSERT INTO src VALUES
	(2023, 'a', 1, [1]), (2023, 'b', 2, NULL),
	(2024, 'keep', 1, [1, 2]), (2024, 'null', NULL, NULL), (2024, 'change', 1, []),
	(2024, 'remove', 1, [1]), (2024, 'twice', 1, [1]), (2024, 'twice', 1, [1]),
	(2024, 'pair', 2, [2]), (2024, 'pair', 2, [2]), (NULL, 'noyear', 1, [1]);
CREATE TABLE mart.x AS SELECT * FROM src;`

// Its columns o and n are named as short row aliases would be.
// Year 2024 of the source loses a row, changes one, gains one, and holds
// once a row it held twice; a row held twice stays twice, a NULL stays
// NULL; 2023 and the row without a year do not change; 2025 is new.
const rewriteChange = `
UPDATE src SET o = 9 WHERE k = 'change';
DELETE FROM src WHERE k IN ('remove', 'twice');
INSERT INTO src VALUES (2024, 'new', 3, [3]), (2024, 'twice', 1, [1]), (2025, 'fresh', 1, [1]);`

// A partial rebuild leaves the rows of the whole query, writes only those
// that changed, and names the years they are in. With a hash that gives
// every row of a year the same value, every pairing by hash fails the
// column-by-column check, and the rows must still come out right.
func TestRewriteYearsWritesOnlyChanges(t *testing.T) {
	for name, hash := range map[string]string{"row hash": rowHash, "colliding hash": "hash(%s.school_year)"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			conn := rewriteConn(t, rewriteSource)
			m := &Model{Name: "mart.x", Path: "mart/x.sql", Scope: &Scope{Column: "school_year"}, body: "SELECT * FROM src"}
			before := rowIDs(t, conn)
			mustExec(t, conn, rewriteChange)
			var ys yearSet
			ys.addYear(2024)
			ys.addYear(2025)
			changed, err := rewriteYears(ctx, conn, m, ys, hash)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(changed); got != "2024,2025" {
				t.Errorf("years changed: %q, want 2024,2025", got)
			}
			sameRows(t, conn)
			after := rowIDs(t, conn)
			kept := []string{"a", "b", "noyear"}
			if hash == rowHash {
				kept = append(kept, "keep", "null", "pair")
				// 11 rows: "change", "new" and "fresh" are the only rows written
				if n := count(t, conn, "SELECT count(*) FROM mart.x WHERE rowid >= 11"); n != 3 {
					t.Errorf("%d rows written, want 3 (the changed row and the two new ones)", n)
				}
			}
			for _, k := range kept {
				if before[k] != after[k] {
					t.Errorf("row %s moved from rowid %s to %s: it was written again", k, before[k], after[k])
				}
			}

			// Nothing changed since: nothing is written, no year changed.
			n := count(t, conn, "SELECT max(rowid) FROM mart.x")
			if changed, err = rewriteYears(ctx, conn, m, ys, hash); err != nil || !changed.empty() {
				t.Errorf("second rebuild: years changed %q (%v), want none", describe(changed), err)
			}
			if got := count(t, conn, "SELECT max(rowid) FROM mart.x"); got != n {
				t.Errorf("second rebuild wrote rows: last rowid %d, was %d", got, n)
			}

			// The row without a year is rebuilt with any year.
			mustExec(t, conn, "UPDATE src SET o = 2 WHERE k = 'noyear'")
			var y23 yearSet
			y23.addYear(2023)
			if changed, err = rewriteYears(ctx, conn, m, y23, hash); err != nil || describe(changed) != "null" {
				t.Errorf("rebuild of 2023 after the row without a year changed: %q (%v), want null", describe(changed), err)
			}
			sameRows(t, conn)

			// A year that only loses a row has changed too.
			mustExec(t, conn, "DELETE FROM src WHERE k = 'b'")
			if changed, err = rewriteYears(ctx, conn, m, y23, hash); err != nil || describe(changed) != "2023" {
				t.Errorf("rebuild of 2023 after a row of it went: %q (%v), want 2023", describe(changed), err)
			}
			sameRows(t, conn)
		})
	}
}

// A year that holds no rows yet is inserted, and counts as changed.
func TestRewriteYearsInsertsNewYear(t *testing.T) {
	conn := rewriteConn(t, rewriteSource+"\nINSERT INTO src VALUES (2025, 'next', 1, [1]);")
	m := &Model{Name: "mart.x", Path: "mart/x.sql", Scope: &Scope{Column: "school_year"}, body: "SELECT * FROM src WHERE school_year IS NOT NULL"}
	mustExec(t, conn, "DELETE FROM mart.x WHERE school_year IS NULL")
	var ys yearSet
	ys.from(2025)
	changed, err := rebuildYears(context.Background(), conn, m, ys)
	if err != nil || describe(changed) != "2025-" {
		t.Fatalf("years changed %q (%v), want 2025-", describe(changed), err)
	}
	if n := count(t, conn, "SELECT count(*) FROM mart.x WHERE school_year = 2025"); n != 1 {
		t.Errorf("%d rows of 2025, want 1", n)
	}
}

func rewriteConn(t *testing.T, setup string) *sql.Conn {
	t.Helper()
	db, err := engine.Open(filepath.Join(t.TempDir(), "w.duckdb"), engine.Settings{Threads: 2}, engine.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	mustExec(t, conn, setup)
	return conn
}

func mustExec(t *testing.T, conn *sql.Conn, q string) {
	t.Helper()
	if _, err := conn.ExecContext(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, conn *sql.Conn, q string) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// sameRows requires mart.x to hold the source's rows, each as many times.
func sameRows(t *testing.T, conn *sql.Conn) {
	t.Helper()
	q := "SELECT (SELECT count(*) FROM (FROM mart.x EXCEPT ALL FROM src)) + (SELECT count(*) FROM (FROM src EXCEPT ALL FROM mart.x))"
	if n := count(t, conn, q); n != 0 {
		t.Errorf("%d rows differ between mart.x and a whole rebuild", n)
	}
}

// rowIDs maps each k to the rowids of its rows.
func rowIDs(t *testing.T, conn *sql.Conn) map[string]string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), "SELECT k, string_agg(rowid::VARCHAR, ',' ORDER BY rowid) FROM mart.x GROUP BY k")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, ids string
		if err := rows.Scan(&k, &ids); err != nil {
			t.Fatal(err)
		}
		out[k] = ids
	}
	return out
}
