package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A file's columns the kind does not know are kept in its part two
// columns per header: extraPrefix and the header ("_x_序号", VARCHAR)
// holds the cell as written, unless it is an integer as Go writes it
// ("122881", not "0012" or "+5"), which extraIntPrefix and the header
// ("_xn_序号", INTEGER) holds. The kind's view builds _extra, the JSON
// object of header to cell, from them (extraSQL). A distinct JSON text per
// row cost DuckDB about a quarter of its bare load of a county attendance
// file; a running 序号 stored as a number costs it almost nothing
// (docs/benchmarks.md, attendance). A file whose headers cannot each name
// a column (columnKeys) keeps them as that JSON text in a column _extra,
// as every part did before.
const (
	extraPrefix    = "_x_"
	extraIntPrefix = "_xn_"
)

// maxExtraColumns is the most extra headers stored one column each; a
// file with more (an export of a whole other system) keeps them as JSON.
const maxExtraColumns = 16

// extraColumn is one header of the columns the kind does not know and the
// file columns under it: of two with the same header (a blank header is
// 第N列), the later non-blank cell is kept, as in the JSON object.
type extraColumn struct {
	key  string
	cols []int
}

// extraPlan is how a file keeps its extra columns: one column per header
// (cols, sorted by header), or as JSON (json).
type extraPlan struct {
	cols []extraColumn
	json bool
}

// extraPlan returns (and remembers) how the file keeps its extra columns.
func (l *Layout) extraPlan() *extraPlan {
	if l.extras == nil {
		l.extras = planExtra(l)
	}
	return l.extras
}

func planExtra(l *Layout) *extraPlan {
	byKey := map[string]int{}
	var cols []extraColumn
	for _, j := range l.Extra {
		key := extraKey(l, j)
		if i, ok := byKey[key]; ok {
			cols[i].cols = append(cols[i].cols, j)
			continue
		}
		byKey[key] = len(cols)
		cols = append(cols, extraColumn{key: key, cols: []int{j}})
	}
	slices.SortFunc(cols, func(a, b extraColumn) int { return strings.Compare(a.key, b.key) })
	if !columnKeys(cols) {
		return &extraPlan{json: true}
	}
	return &extraPlan{cols: cols}
}

// extraKey is the header of file column j: as written, trimmed, or 第N列
// when blank.
func extraKey(l *Layout, j int) string {
	if key := trim(l.Headers[j]); key != "" {
		return key
	}
	return fmt.Sprintf("第%d列", j+1)
}

// columnKeys reports whether every key can name a column of its own: not
// too many, no control character, and no two that DuckDB, which ignores
// letter case in names, would take for one.
func columnKeys(cols []extraColumn) bool {
	if len(cols) > maxExtraColumns {
		return false
	}
	seen := map[string]bool{}
	for _, c := range cols {
		folded := strings.ToLower(c.key)
		if seen[folded] || strings.ContainsFunc(c.key, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return false
		}
		seen[folded] = true
	}
	return true
}

// extraCells fills out, two per header of the plan (its part columns in
// names' order), with the row's cell under the header (the last non-blank
// one): as text, or as a number (ok, num) when it is an integer as Go
// writes it; both unset when blank.
func (p *extraPlan) extraCells(rec []string, out []text) {
	for i, c := range p.cols {
		cell := ""
		for _, j := range c.cols {
			if j < len(rec) && trim(rec[j]) != "" {
				cell = rec[j]
			}
		}
		out[2*i], out[2*i+1] = text{}, text{}
		if n, ok := plainInt(cell); ok {
			out[2*i+1] = text{s: cell, set: true, num: n, ok: true}
		} else if cell != "" {
			out[2*i] = text{s: cell, set: true}
		}
	}
}

// plainInt parses s when it is an INTEGER as strconv.Itoa writes it:
// digits without a leading zero (but "0"), a minus sign before them.
func plainInt(s string) (int32, bool) {
	neg := len(s) > 1 && s[0] == '-'
	d := s
	if neg {
		d = s[1:]
	}
	if d == "" || len(d) > 10 || d[0] == '0' && (len(d) > 1 || neg) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(d[i]-'0')
	}
	if neg {
		n = -n
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// names are the part columns of the plan's extra columns: _extra, or per
// header its text and its number column.
func (p *extraPlan) names() []string {
	if p.json {
		return []string{"_extra"}
	}
	out := make([]string, 0, 2*len(p.cols))
	for _, c := range p.cols {
		out = append(out, extraPrefix+c.key, extraIntPrefix+c.key)
	}
	return out
}

// extraType is the stored type of an extra column.
func extraType(name string) string {
	if strings.HasPrefix(name, extraIntPrefix) {
		return "INTEGER"
	}
	return "VARCHAR"
}

// extraSQL is the view's _extra of a part with the columns in has: the
// JSON object of header to cell of its extra columns (extraPrefix and a
// header, and the header's number column), keys sorted and blank cells
// left out as encoding/json wrote it for _extra, NULL when every cell is
// blank; "" when the part has no such columns. The values are escaped by
// DuckDB's to_json, which leaves <, > and & as they are.
func extraSQL(has map[string]string) string {
	var keys []string
	for name := range has {
		if key, ok := strings.CutPrefix(name, extraPrefix); ok {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	slices.Sort(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		quoted, _ := json.Marshal(k)
		val := ident(extraPrefix + k)
		if _, ok := has[extraIntPrefix+k]; ok {
			val = fmt.Sprintf("coalesce(%s, %s::VARCHAR)", val, ident(extraIntPrefix+k))
		}
		pairs[i] = fmt.Sprintf("%s || to_json(%s)::VARCHAR", sqlString(string(quoted)+":"), val)
	}
	if len(pairs) == 1 { // NULL when the cell is
		return "'{' || " + pairs[0] + " || '}'"
	}
	return "nullif('{' || concat_ws(',', " + strings.Join(pairs, ", ") + ") || '}', '{}')"
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident is a column name as SQL writes it: as it is when it is a plain
// name (every kind column and meta column), else quoted.
func ident(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
		}
	}
	return name
}
