package models

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"dropwatch/pipeline/sqltext"
)

// Scope says that a model's rows each belong to a school year, so a build
// may rebuild some years of it and keep the others. It comes from the
// model's header line
//
//	-- incremental: school_year            rows of year Y read year Y only
//	-- incremental: school_year -1..+1     rows of year Y read years Y-1 to Y+1
//	-- incremental: school_year *..0       rows of year Y read every year up to Y
//
// naming the column that holds the year and the years of its inputs that
// the rows of one year read (of the year-scoped models and raw kinds it
// reads; the whole ones it reads must be unchanged for a partial rebuild,
// or it is rebuilt whole). A model with a scope must be one statement
// CREATE OR REPLACE TABLE <name> AS <query>, followed by COMMENT ON
// statements only. A raw relation without a school_year column (the load
// log, the dropout register) changes every year when it gains rows, so a
// model that reads one is rebuilt whole then.
type Scope struct {
	Column   string
	From, To int // rows of year Y read input years Y+From .. Y+To
}

var scopePattern = regexp.MustCompile(`(?m)^--\s*incremental:\s*([a-z_][a-z0-9_]*)(?:\s+([+-]?\d+|\*)\s*\.\.\s*([+-]?\d+))?\s*$`)

// declaredScope reads the model's "-- incremental:" header line, if any,
// and the query its first statement builds the table from.
func declaredScope(m *Model) (*Scope, string, error) {
	g := scopePattern.FindStringSubmatch(m.SQL)
	if g == nil {
		if strings.Contains(m.SQL, "-- incremental:") {
			return nil, "", fmt.Errorf("model %s: the header line \"-- incremental:\" must read \"-- incremental: <column>\" or \"-- incremental: <column> -1..+1\"", m.Path)
		}
		return nil, "", nil
	}
	s := &Scope{Column: g[1]}
	if g[2] != "" {
		s.From, _ = strconv.Atoi(g[2])
		s.To, _ = strconv.Atoi(g[3])
	}
	if g[2] == "*" {
		s.From = earlier
	}
	if s.From > 0 || s.To < 0 {
		return nil, "", fmt.Errorf("model %s: the years read %d..%d must include the row's own year (0)", m.Path, s.From, s.To)
	}
	body, err := tableQuery(m)
	if err != nil {
		return nil, "", err
	}
	return s, body, nil
}

// tableQuery returns the query of a model that is one CREATE OR REPLACE
// TABLE ... AS statement followed by comments on it. A view needs none:
// it is made again whenever what it reads changed, and its years change
// as theirs do.
func tableQuery(m *Model) (string, error) {
	if isView(m) {
		return "", nil
	}
	q, rest, err := m.split()
	if err != nil {
		return "", fmt.Errorf("model %s declares \"-- incremental:\" but %w", m.Path, err)
	}
	for _, s := range rest {
		if !regexp.MustCompile(`(?i)^COMMENT\s+ON\s`).MatchString(s) {
			return "", fmt.Errorf("model %s declares \"-- incremental:\", so after its CREATE statement it may only have COMMENT ON statements, not %.40q", m.Path, s)
		}
	}
	return q, nil
}

// Query returns the query of the model's first statement, CREATE OR
// REPLACE TABLE or VIEW <name> AS <query>, without a trailing semicolon:
// what EXPLAIN can be asked about.
func (m *Model) Query() (string, error) {
	q, _, err := m.split()
	if err != nil {
		return "", fmt.Errorf("model %s %w", m.Path, err)
	}
	return q, nil
}

// split returns the query of the model's first statement and the
// statements after it.
func (m *Model) split() (string, []string, error) {
	stmts, rest := sqltext.Split(sqltext.StripComments(m.SQL))
	if strings.TrimSpace(rest) != "" {
		stmts = append(stmts, rest)
	}
	head := regexp.MustCompile(`(?is)^CREATE\s+OR\s+REPLACE\s+(TABLE|VIEW)\s+` + regexp.QuoteMeta(m.Name) + `\s+AS\s+`)
	if len(stmts) == 0 || !head.MatchString(stmts[0]) {
		return "", nil, fmt.Errorf("does not start with CREATE OR REPLACE TABLE (or VIEW) %s AS <query>", m.Name)
	}
	q := strings.TrimSpace(head.ReplaceAllString(stmts[0], ""))
	return strings.TrimSuffix(q, ";"), stmts[1:], nil
}

func isView(m *Model) bool {
	return regexp.MustCompile(`(?is)CREATE\s+OR\s+REPLACE\s+VIEW\s+` + regexp.QuoteMeta(m.Name) + `\b`).MatchString(sqltext.StripComments(m.SQL))
}

// yearSet is the school years a change touches; all means every year (a
// relation without years changed), null the rows without a year (which
// only the rows without a year of a scoped model read).
type yearSet struct {
	all   bool
	null  bool
	years map[int]bool
	// later, when set, adds every year from since on.
	later bool
	since int
}

func (s *yearSet) empty() bool { return !s.all && !s.null && !s.later && len(s.years) == 0 }

func (s *yearSet) add(o yearSet) {
	s.all = s.all || o.all
	s.null = s.null || o.null
	if o.later {
		s.from(o.since)
	}
	for y := range o.years {
		s.addYear(y)
	}
}

func (s *yearSet) addYear(y int) {
	if s.later && y >= s.since {
		return
	}
	if s.years == nil {
		s.years = map[int]bool{}
	}
	s.years[y] = true
}

// from adds every year from y on.
func (s *yearSet) from(y int) {
	if !s.later || y < s.since {
		s.later, s.since = true, y
	}
	for x := range s.years {
		if x >= s.since {
			delete(s.years, x)
		}
	}
}

// sorted returns the years in order.
func (s yearSet) sorted() []int {
	out := make([]int, 0, len(s.years))
	for y := range s.years {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// affected returns the years of a scoped model's rows that read a changed
// input year: an input year c is read by the rows of years c-To .. c-From.
func (sc *Scope) affected(in yearSet) yearSet {
	out := yearSet{null: in.null}
	for y := range in.years {
		if sc.From == earlier {
			out.from(y - sc.To)
			continue
		}
		for d := -sc.To; d <= -sc.From; d++ {
			out.addYear(y + d)
		}
	}
	if in.later {
		out.from(in.since - sc.To)
	}
	return out
}

// earlier is the From of a scope whose rows read every earlier year ("*").
const earlier = -1 << 20
