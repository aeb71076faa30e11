package export

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"dropwatch/pipeline/query"
)

// sources resolves the options to the relations or query to write.
func sources(ctx context.Context, db *sql.DB, o Options) ([]source, *Result, error) {
	rels, err := query.Relations(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{}
	if o.Query != "" {
		s, err := querySource(ctx, db, o, rels)
		return []source{s}, res, err
	}
	if len(o.Relations) == 0 {
		var out []source
		for _, r := range rels {
			if r.Schema != "mart" {
				continue
			}
			if r.Personal() && !o.Restricted {
				res.Skipped = append(res.Skipped, r.FullName())
				continue
			}
			out = append(out, relSource(r))
		}
		return out, res, nil
	}
	var out []source
	for _, name := range o.Relations {
		r, ok := query.Find(rels, name)
		if !ok {
			return nil, nil, fmt.Errorf("数据仓库中没有「%s」：用 dropwatch sql -c .tables 查看可导出的表 / no relation %q", name, name)
		}
		if r.Personal() && !o.Restricted {
			return nil, nil, fmt.Errorf("%s 含个人信息（姓名、身份证号或电话），须加 --restricted 才能导出 / %s holds personal data: add --restricted", r.FullName(), r.FullName())
		}
		out = append(out, relSource(r))
	}
	return out, res, nil
}

func relSource(r query.Relation) source {
	return source{
		name: r.FullName(),
		// ORDER BY ALL: the same rows give the same file, however the
		// build stored them (an incremental build appends a year's rows
		// where a whole build interleaves them).
		sql:      "SELECT * FROM " + ident(r.Schema) + "." + ident(r.Name) + " ORDER BY ALL",
		cols:     r.Columns,
		comment:  r.Comment,
		personal: r.Personal(),
	}
}

// querySource describes a query. It is personal when it reads, by name, a
// relation whose declared tier is not public.
func querySource(ctx context.Context, db *sql.DB, o Options, rels []query.Relation) (source, error) {
	name := o.Name
	if name == "" {
		name = "query"
	}
	stmt := strings.TrimRight(strings.TrimSpace(o.Query), ";")
	res, err := query.All(ctx, db, "DESCRIBE "+stmt)
	if err != nil {
		return source{}, err
	}
	s := source{name: name, sql: stmt, comment: stmt}
	for _, row := range res.Rows {
		c := query.ColumnInfo{Name: query.Text(row[0]), Type: query.Text(row[1])}
		s.cols = append(s.cols, c)
	}
	for _, r := range rels {
		if r.Personal() && mentions(stmt, r.Name) {
			s.personal = true
		}
	}
	if s.personal && !o.Restricted {
		return s, fmt.Errorf("查询读取或输出个人信息（姓名、身份证号或电话），须加 --restricted / the query reads or returns personal data: add --restricted")
	}
	return s, nil
}

// mentions reports whether stmt names the relation as a word.
func mentions(stmt, name string) bool {
	re := regexp.MustCompile(`(?i)(^|[^a-z0-9_])` + regexp.QuoteMeta(name) + `($|[^a-z0-9_])`)
	return re.MatchString(stmt)
}
