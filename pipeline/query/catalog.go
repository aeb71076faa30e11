package query

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"dropwatch/privacy"
)

// Relation is a table or view of the warehouse with its comments.
type Relation struct {
	Schema, Name string
	Kind         string // table or view
	Comment      string
	Tier         privacy.Tier // as declared; restricted when undeclared
	Columns      []ColumnInfo
}

// ColumnInfo is one column of a relation.
type ColumnInfo struct {
	Name, Type, Comment string
}

// FullName is schema.name.
func (r Relation) FullName() string { return r.Schema + "." + r.Name }

// Personal reports whether the relation may carry personal data: its
// declared tier (the "-- tier:" header of its SQL file, recorded in
// audit.relation_tiers) is not public. A relation no model declares (raw
// cells, or a warehouse written before tiers were recorded) counts as
// personal. Such relations leave the warehouse only with an explicit
// --restricted.
func (r Relation) Personal() bool { return r.Tier != privacy.Public }

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
	tiers, err := declaredTiers(ctx, db)
	if err != nil {
		return nil, err
	}
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
		r.Tier = privacy.Restricted
		if t, ok := tiers[r.FullName()]; ok {
			r.Tier = t
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// declaredTiers reads audit.relation_tiers; a warehouse without it has
// no declared tiers.
func declaredTiers(ctx context.Context, db *sql.DB) (map[string]privacy.Tier, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'relation_tiers'`).Scan(&n)
	if err != nil || n == 0 {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT relation, tier FROM audit.relation_tiers`)
	if err != nil {
		return nil, fmt.Errorf("read the declared tiers: %w", err)
	}
	defer rows.Close()
	out := map[string]privacy.Tier{}
	for rows.Next() {
		var rel, tier string
		if err := rows.Scan(&rel, &tier); err != nil {
			return nil, fmt.Errorf("read the declared tiers: %w", err)
		}
		if out[rel], err = privacy.ParseTier(tier); err != nil {
			return nil, fmt.Errorf("audit.relation_tiers, %s: %w", rel, err)
		}
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
