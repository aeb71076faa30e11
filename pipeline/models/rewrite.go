package models

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A partial rebuild writes only the rows that changed. Years that already
// hold rows are mostly rebuilt to the same rows: when a new term arrives,
// the rows of the year before are rebuilt because they look a year ahead,
// and most do not change (at county size none of mart.children's 197,000
// rows of that year did, 20,000 of mart.indicator_children's 442,000). A
// DELETE and INSERT of them all would write every row again and leave a
// hole in every row group of the table, which DuckDB's checkpoint then
// fills by rewriting the row groups. So the years' new rows are computed
// into a temporary table and matched with the old ones, row for row: by a
// hash of the whole row, each match then checked column by column (a hash
// alone may collide), a repeated row matched as many times as it repeats.
// Only the old rows without a match are deleted and only the new rows
// without one inserted; the years of those rows are the years that
// changed, so the models that read this one rebuild only those.

// scopeWhere is the condition that picks the rows of the years ys of a
// scoped model (the rows without a year when ys.null), its column
// qualified by alias when alias is not empty.
func scopeWhere(col string, ys yearSet, alias string) string {
	if alias != "" {
		col = alias + "." + col
	}
	var or []string
	if ys.null {
		or = append(or, col+" IS NULL")
	}
	if len(ys.years) > 0 {
		or = append(or, fmt.Sprintf("%s IN (%s)", col, joinYears(ys)))
	}
	if ys.later {
		or = append(or, fmt.Sprintf("%s >= %d", col, ys.since))
	}
	if len(or) == 0 {
		return "(false)"
	}
	return "(" + strings.Join(or, " OR ") + ")"
}

// insertSQL inserts the model's rows of the years ys.
func insertSQL(m *Model, ys yearSet) string {
	return fmt.Sprintf("INSERT INTO %s SELECT * FROM (\n%s\n) AS _scope WHERE %s",
		m.Name, m.body, scopeWhere(m.Scope.Column, ys, "_scope"))
}

// rowHash is the hash a row is first matched by (%s: the row's alias,
// named so that no column of a model can shadow it). A weaker one only
// makes more pairs fail the column-by-column check.
const rowHash = "hash(%s)"

// matchSQL computes the years' new rows into _dw_new and pairs each old
// row (_dw_old.oid, its rowid) with an equal new row (_dw_new's rowid,
// nid) in _dw_same; _dw_gone (with each row's year) and _dw_added are
// the rows left unpaired.
// hash is the format of the row hash (rowHash).
func matchSQL(m *Model, ys yearSet, hash string) string {
	old := scopeWhere(m.Scope.Column, ys, "_dw_o")
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _dw_new AS SELECT * FROM (
%[1]s
) AS _scope WHERE %[2]s;
CREATE OR REPLACE TEMP TABLE _dw_old AS SELECT _dw_o.rowid AS oid, _dw_o.%[7]s AS y, %[5]s AS h FROM %[3]s _dw_o WHERE %[4]s;
CREATE OR REPLACE TEMP TABLE _dw_fresh AS SELECT _dw_n.rowid AS nid, %[6]s AS h FROM _dw_new _dw_n;
CREATE OR REPLACE TEMP TABLE _dw_same AS
	SELECT oid, nid FROM (SELECT *, row_number() OVER (PARTITION BY h) AS k FROM _dw_old)
	JOIN (SELECT *, row_number() OVER (PARTITION BY h) AS k FROM _dw_fresh) USING (h, k);
DELETE FROM _dw_same WHERE oid IN (
	SELECT _dw_s.oid FROM _dw_same _dw_s JOIN %[3]s _dw_o ON _dw_o.rowid = _dw_s.oid JOIN _dw_new _dw_n ON _dw_n.rowid = _dw_s.nid
	WHERE _dw_o IS DISTINCT FROM _dw_n);
CREATE OR REPLACE TEMP TABLE _dw_gone AS SELECT oid, y FROM _dw_old ANTI JOIN _dw_same USING (oid);
CREATE OR REPLACE TEMP TABLE _dw_added AS SELECT nid FROM _dw_fresh ANTI JOIN _dw_same USING (nid)`,
		m.body, scopeWhere(m.Scope.Column, ys, "_scope"), m.Name, old, fmt.Sprintf(hash, "_dw_o"), fmt.Sprintf(hash, "_dw_n"), m.Scope.Column)
}

// changedYearsSQL lists the years of the rows about to be deleted and
// inserted.
func changedYearsSQL(m *Model) string {
	return fmt.Sprintf(`SELECT DISTINCT y FROM _dw_gone
	UNION SELECT DISTINCT %s FROM _dw_new WHERE rowid IN (SELECT nid FROM _dw_added)`, m.Scope.Column)
}

// applySQL deletes the old rows without a match and inserts the new rows
// without one, then drops the temporary tables.
func applySQL(m *Model) string {
	return fmt.Sprintf(`DELETE FROM %[1]s WHERE rowid IN (SELECT oid FROM _dw_gone);
INSERT INTO %[1]s SELECT * FROM _dw_new WHERE rowid IN (SELECT nid FROM _dw_added);
DROP TABLE _dw_new; DROP TABLE _dw_old; DROP TABLE _dw_fresh; DROP TABLE _dw_same; DROP TABLE _dw_gone; DROP TABLE _dw_added`, m.Name)
}

// rebuildYears rebuilds the years ys of a scoped table, and its rows
// without a year, which are rebuilt every time; it returns the years whose
// rows changed. When the table holds no rows of them yet, the rows are
// inserted (and the years count as changed as ys says); otherwise only the
// rows that changed are written. The model's query runs once either way.
func rebuildYears(ctx context.Context, conn *sql.Conn, m *Model, ys yearSet) (yearSet, error) {
	return rewriteYears(ctx, conn, m, ys, rowHash)
}

func rewriteYears(ctx context.Context, conn *sql.Conn, m *Model, ys yearSet, hash string) (yearSet, error) {
	all := ys
	all.null = true
	var n int64
	q := fmt.Sprintf("SELECT count(*) FROM %s _dw_o WHERE %s", m.Name, scopeWhere(m.Scope.Column, all, "_dw_o"))
	if err := conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return ys, fmt.Errorf("model %s (sql/%s): count the rows of the years rebuilt: %w", m.Name, m.Path, err)
	}
	if n == 0 {
		return ys, exec(ctx, conn, m, insertSQL(m, all))
	}
	if err := exec(ctx, conn, m, matchSQL(m, all, hash)); err != nil {
		return ys, err
	}
	changed, err := newYears(ctx, conn, changedYearsSQL(m))
	if err != nil {
		return ys, fmt.Errorf("model %s (sql/%s): years changed: %w", m.Name, m.Path, err)
	}
	return changed, exec(ctx, conn, m, applySQL(m))
}
