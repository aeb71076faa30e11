package ingest

import (
	"encoding/json"
	"strings"

	"dropwatch/pipeline/cells"
)

// Layout maps the columns of one file to the columns of its kind.
type Layout struct {
	Kind    *Kind
	Index   []int    // for each column of Kind, the file's column index, or -1
	Headers []string // the file's header cells as written
	Extra   []int    // file columns that belong to no column of Kind
	extras  *extraPlan
}

// Recognise finds the kind whose headers the header row matches best and
// maps the file's columns to it. Headers match after cells.NormalizeHeader;
// the English key of a column is accepted too. A row that matches no kind
// well enough, two kinds equally well, or that lacks a required column of
// its kind, rejects the file.
func Recognise(header []string) (*Layout, error) {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = cells.NormalizeHeader(h)
	}
	var best, second *Layout
	for _, k := range Kinds {
		l, err := match(k, header, norm)
		if err != nil {
			return nil, err
		}
		switch {
		case best == nil || better(l, best):
			best, second = l, best
		case second == nil || better(l, second):
			second = l
		}
	}
	if best.matched() < 2 || 2*best.matchedRequired() < best.Kind.required() {
		// Too little of any kind to name one: a grade sheet sharing 姓名
		// and 班级 with the roster is not a roster missing seven columns.
		return nil, errNoHeader()
	}
	if second != nil && !better(best, second) {
		return nil, errAmbiguous(best.Kind, second.Kind)
	}
	if missing := best.missing(); len(missing) > 0 {
		return nil, errMissing(best.Kind, missing)
	}
	return best, nil
}

func match(k *Kind, header, norm []string) (*Layout, error) {
	l := &Layout{Kind: k, Index: make([]int, len(k.Columns)), Headers: header}
	for i := range l.Index {
		l.Index[i] = -1
	}
	extra := map[string]int{}
	for j, h := range norm {
		i := k.columnFor(h)
		if i < 0 {
			if first, dup := extra[h]; dup && h != "" {
				return nil, errDuplicateHeader(strings.TrimSpace(header[j]), first, j)
			}
			extra[h] = j
			l.Extra = append(l.Extra, j)
			continue
		}
		if l.Index[i] >= 0 {
			return nil, errDuplicateHeader(strings.TrimSpace(header[j]), l.Index[i], j)
		}
		l.Index[i] = j
	}
	return l, nil
}

func (k *Kind) columnFor(h string) int {
	if h == "" {
		return -1
	}
	for i, c := range k.Columns {
		if h == c.Header || strings.EqualFold(h, c.Key) {
			return i
		}
	}
	return -1
}

func (l *Layout) matchedRequired() int {
	n := 0
	for i, j := range l.Index {
		if j >= 0 && l.Kind.Columns[i].Required {
			n++
		}
	}
	return n
}

func (k *Kind) required() int {
	n := 0
	for _, c := range k.Columns {
		if c.Required {
			n++
		}
	}
	return n
}

func (l *Layout) matched() int {
	n := 0
	for _, j := range l.Index {
		if j >= 0 {
			n++
		}
	}
	return n
}

// better ranks layouts by matched columns, then by the share of the kind's
// columns matched (a file with 毕业学年, 身份证件号, 姓名, 学校标识码, 去向 is
// a graduate file, not a handoff file).
func better(a, b *Layout) bool {
	ma, mb := a.matched(), b.matched()
	if ma != mb {
		return ma > mb
	}
	return ma*len(b.Kind.Columns) > mb*len(a.Kind.Columns)
}

func (l *Layout) missing() []string {
	var out []string
	for i, c := range l.Kind.Columns {
		if c.Required && l.Index[i] < 0 {
			out = append(out, c.Header)
		}
	}
	return out
}

// columnsJSON maps each column key to its header as written in the file.
func (l *Layout) columnsJSON() string {
	m := make(map[string]string, len(l.Index))
	for i, j := range l.Index {
		if j >= 0 {
			m[l.Kind.Columns[i].Key] = strings.TrimSpace(l.Headers[j])
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}
