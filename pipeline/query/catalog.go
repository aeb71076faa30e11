package query

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Relation is a table or view of the warehouse with its comments.
type Relation struct {
	Schema, Name string
	Kind         string // table or view
	Comment      string
	Columns      []ColumnInfo
}

// ColumnInfo is one column of a relation.
type ColumnInfo struct {
	Name, Type, Comment string
}

// FullName is schema.name.
func (r Relation) FullName() string { return r.Schema + "." + r.Name }

// Personal reports whether the relation carries personal data: a column
// naming a child, a guardian, an identity number or a phone, or a raw cell
// value (which may be any of those). Such relations are the restricted
// tier: they leave the warehouse only with an explicit --restricted.
func (r Relation) Personal() bool {
	if r.Schema == "config" { // settings: the town's own name, the lines
		return false
	}
	if slices.Contains(rawCellRelations, r.FullName()) {
		return true
	}
	for _, c := range r.Columns {
		if PersonalColumn(c.Name) {
			return true
		}
	}
	return false
}

// personalColumns are the column names that identify a person. Every
// mart, audit and staging relation uses these names for such data (a test
// checks that the marts holding names are all caught).
var personalColumns = []string{
	"id_number", "child_key", "name", "birth_date", "guardian", "guardian_phone",
	"persuader_phone", "phone",
}

// rawCellRelations hold cells as they arrived, which may be anyone's
// identity number or phone.
var rawCellRelations = []string{"audit.quarantine"}

// PersonalColumn reports whether a column name is one of personal data.
func PersonalColumn(name string) bool {
	return slices.Contains(personalColumns, strings.ToLower(name))
}

// analystSchemas are the schemas an analyst is shown by default; the rest
// (raw, staging, core) are internal and may change without notice.
var analystSchemas = []string{"mart", "audit", "config"}

// Relations lists the relations of the given schemas (all user schemas
// when none are given) with their columns and comments, in name order.
func Relations(ctx context.Context, db *sql.DB, schemas ...string) ([]Relation, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT t.schema_name, t.table_name, t.kind, coalesce(t.comment, ''),
		       c.column_name, c.data_type, coalesce(c.comment, '')
		FROM (SELECT schema_name, table_name, 'table' AS kind, comment FROM duckdb_tables() WHERE NOT internal
		      UNION ALL
		      SELECT schema_name, view_name, 'view', comment FROM duckdb_views() WHERE NOT internal) t
		JOIN duckdb_columns() c ON c.schema_name = t.schema_name AND c.table_name = t.table_name
		WHERE t.schema_name NOT IN ('information_schema', 'pg_catalog')
		ORDER BY t.schema_name, t.table_name, c.column_index`)
	if err != nil {
		return nil, fmt.Errorf("list relations: %w", err)
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		var r Relation
		var c ColumnInfo
		if err := rows.Scan(&r.Schema, &r.Name, &r.Kind, &r.Comment, &c.Name, &c.Type, &c.Comment); err != nil {
			return nil, fmt.Errorf("list relations: %w", err)
		}
		if len(schemas) > 0 && !slices.Contains(schemas, r.Schema) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].FullName() == r.FullName() {
			out[n-1].Columns = append(out[n-1].Columns, c)
			continue
		}
		r.Columns = []ColumnInfo{c}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Find returns the relation named schema.name (or name in the mart schema).
func Find(rels []Relation, name string) (Relation, bool) {
	if !strings.Contains(name, ".") {
		name = "mart." + name
	}
	for _, r := range rels {
		if strings.EqualFold(r.FullName(), name) {
			return r, true
		}
	}
	return Relation{}, false
}

// Title is the first clause of the relation's comment, for listings.
func (r Relation) Title() string {
	return firstClause(r.Comment, "：:")
}

// firstClause cuts s at the first of the separators.
func firstClause(s, seps string) string {
	if i := strings.IndexAny(s, seps); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// Header is the Chinese heading of a column: the first clause of its
// comment (up to the first full-width or ASCII colon, comma or bracket),
// falling back to the column name.
func (c ColumnInfo) Header() string {
	if h := firstClause(c.Comment, "：:，,（(；;"); h != "" {
		return h
	}
	return c.Name
}
