package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// legacySuffix names the part that holds the rows of a warehouse built
// before parts existed (one table per kind with every column).
const legacySuffix = "__legacy"

// partMeta lead every part; _file and _sheet are the load's, in raw.load_log.
var partMeta = []viewColumn{{"_load_id", "BIGINT"}, {"_row", "BIGINT"}, {"_ok", "BOOLEAN"}}

// part is the raw table a file's rows go to: the one of its kind whose
// columns are the kind columns the file has, plus the columns the kind
// does not know (one per header, or _extra: extra_columns.go).
type part struct {
	kind  *Kind
	cols  []string // kind column keys the file has, in kind order
	extra []string // the extra columns' names
}

func partOf(l *Layout) part {
	p := part{kind: l.Kind}
	if len(l.Extra) > 0 {
		p.extra = l.extraPlan().names()
	}
	for i, c := range l.Kind.Columns {
		if l.Index[i] >= 0 {
			p.cols = append(p.cols, c.Key)
		}
	}
	return p
}

// name is raw.<kind>__<hash of the columns and their types>: files with
// the same columns share a part, whatever order or spelling their headers
// had.
func (p part) name() string {
	defs := p.columnDefs()[len(partMeta):] // the data columns: names of old parts stay as they were
	sum := sha256.Sum256([]byte(strings.Join(defs, ",")))
	return p.kind.Name + "__" + hex.EncodeToString(sum[:4])
}

// columns are the part's columns in table order with their stored types.
func (p part) columns() []viewColumn {
	cols := append([]viewColumn{}, partMeta...)
	for _, key := range p.cols {
		cols = append(cols, viewColumn{key, storedType(p.kind.Column(key).Type)})
	}
	for _, name := range p.extra {
		cols = append(cols, viewColumn{name, extraType(name)})
	}
	return cols
}

func (p part) columnDefs() []string {
	var defs []string
	for _, c := range p.columns() {
		defs = append(defs, ident(c.name)+" "+c.typ)
	}
	return defs
}

func (p part) ddl() string {
	return fmt.Sprintf("CREATE TABLE raw.%s (\n\t%s\n)", p.name(), strings.Join(p.columnDefs(), ",\n\t"))
}

// ensure creates the part when it is new and then rebuilds the kind's view
// (inside the file's transaction: a rejected file leaves neither). It
// returns the part's columns in table order.
func (p part) ensure(ctx context.Context, db dbtx) ([]string, error) {
	cols, err := tableColumns(ctx, db, p.name())
	if err != nil {
		return nil, err
	}
	if len(cols) > 0 {
		if want := columnNames(p.columns()); !slices.Equal(cols, want) {
			return nil, fmt.Errorf("raw.%s has columns %v, want %v: two column sets share a name; report this", p.name(), cols, want)
		}
		return cols, nil
	}
	if _, err := db.ExecContext(ctx, p.ddl()); err != nil {
		return nil, fmt.Errorf("create raw.%s: %w", p.name(), err)
	}
	if err := refreshView(ctx, db, p.kind); err != nil {
		return nil, err
	}
	return tableColumns(ctx, db, p.name())
}

// refreshView (re)creates raw.<kind> over the kind's parts.
func refreshView(ctx context.Context, db dbtx, k *Kind) error {
	parts, err := kindParts(ctx, db, k)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, viewSQL(k, parts)); err != nil {
		return fmt.Errorf("create view raw.%s: %w", k.Name, err)
	}
	return nil
}

// kindParts lists the kind's part tables with their columns' types.
func kindParts(ctx context.Context, db dbtx, k *Kind) (map[string]map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM duckdb_columns()
		WHERE schema_name = 'raw' AND starts_with(table_name, ?) ORDER BY table_name`, k.Name+"__")
	if err != nil {
		return nil, fmt.Errorf("parts of raw.%s: %w", k.Name, err)
	}
	defer rows.Close()
	parts := map[string]map[string]string{}
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			return nil, err
		}
		if parts[table] == nil {
			parts[table] = map[string]string{}
		}
		parts[table][col] = typ
	}
	return parts, rows.Err()
}

// viewSQL is the kind's view: every part with the kind's columns in
// their stored types (NULL where the part lacks one, converted where an
// older part stored it differently), the file and sheet from the load log.
func viewSQL(k *Kind, parts map[string]map[string]string) string {
	cols := append([]viewColumn{}, partMeta...)
	for _, c := range k.Columns {
		cols = append(cols, viewColumn{c.Key, storedType(c.Type)})
	}
	cols = append(cols, viewColumn{"_extra", "VARCHAR"})
	var members []string
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		members = append(members, "SELECT "+partSelect(cols, parts[name])+" FROM raw."+name)
	}
	if len(members) == 0 {
		members = []string{"SELECT " + partSelect(cols, nil) + " WHERE false"}
	}
	outer := []string{"p._load_id", "l.file_name AS _file", "l.sheet AS _sheet"}
	for _, c := range cols[1:] {
		outer = append(outer, "p."+c.name)
	}
	return fmt.Sprintf("CREATE OR REPLACE VIEW raw.%s AS\nSELECT %s\nFROM (\n%s\n) p\nLEFT JOIN raw.load_log l ON l.load_id = p._load_id",
		k.Name, strings.Join(outer, ", "), strings.Join(members, "\nUNION ALL\n"))
}

// viewColumn is a column of a part or a view and its type.
type viewColumn struct{ name, typ string }

func columnNames(cols []viewColumn) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// partSelect lists cols from a part whose columns have the types in has:
// as stored, converted (a cell that does not convert is NULL) or NULL;
// _extra built from the part's extra columns when it has them one each.
func partSelect(cols []viewColumn, has map[string]string) string {
	extra := extraSQL(has)
	out := make([]string, len(cols))
	for i, c := range cols {
		switch typ, ok := has[c.name]; {
		case c.name == "_extra" && !ok && extra != "":
			out[i] = extra + " AS _extra"
		case ok && typ == c.typ:
			out[i] = c.name
		case ok:
			out[i] = fmt.Sprintf("TRY_CAST(%s AS %s) AS %s", c.name, c.typ, c.name)
		default:
			out[i] = fmt.Sprintf("NULL::%s AS %s", c.typ, c.name)
		}
	}
	return strings.Join(out, ", ")
}
