package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dropwatch/pipeline/cells"
)

// Problem is one broken rule of one row: the column as its header is
// written in the file, the offending cell and the reason in Chinese.
type Problem struct {
	Column string
	Value  string
	Reason string
}

// validator parses the cells of rows of one layout into canonical text.
// It is the one place where the contract's value rules are applied.
type validator struct {
	layout *Layout
	today  time.Time
	out    []any // canonical value per kind column: string, or nil when blank
}

func newValidator(l *Layout, today time.Time) *validator {
	return &validator{layout: l, today: today, out: make([]any, len(l.Kind.Columns))}
}

// row parses one data row. Valid cells become canonical text; a broken
// cell keeps its text as written so the row stays queryable, and yields
// a Problem.
func (v *validator) row(rec []string) []Problem {
	var probs []Problem
	k := v.layout.Kind
	for i := range k.Columns {
		c := &k.Columns[i]
		raw := v.cell(rec, i)
		v.out[i] = nil
		if cells.Blank(raw) {
			if c.Required {
				probs = append(probs, v.problem(i, raw, fmt.Sprintf("必填项「%s」为空：请在源文件中补填", c.Header)))
			}
			continue
		}
		val, err := v.parse(c, raw)
		if err != nil {
			v.out[i] = trim(raw)
			probs = append(probs, v.problem(i, raw, err.Error()))
			continue
		}
		v.out[i] = val
	}
	probs = append(probs, v.crossChecks(rec)...)
	return append(probs, v.beyondHeader(rec)...)
}

// beyondHeader reports cells to the right of the header's last column: they
// belong to no column, and usually come from an unquoted comma in a cell.
func (v *validator) beyondHeader(rec []string) []Problem {
	var probs []Problem
	for j := len(v.layout.Headers); j < len(rec); j++ {
		if trim(rec[j]) != "" {
			probs = append(probs, Problem{Column: fmt.Sprintf("第%d列", j+1), Value: rec[j],
				Reason: "该行比表头多出单元格（常因某个单元格里有未加引号的逗号）：请检查并改正该行"})
		}
	}
	return probs
}

func (v *validator) cell(rec []string, i int) string {
	j := v.layout.Index[i]
	if j < 0 || j >= len(rec) {
		return ""
	}
	return rec[j]
}

func (v *validator) problem(i int, raw, reason string) Problem {
	name := v.layout.Kind.Columns[i].Header
	if j := v.layout.Index[i]; j >= 0 {
		name = trim(v.layout.Headers[j])
	}
	return Problem{Column: name, Value: raw, Reason: reason}
}

// parse handles every type but IDNumber, which depends on the row's
// document type and is checked in crossChecks.
func (v *validator) parse(c *Column, s string) (string, error) {
	switch c.Type {
	case Date:
		d, err := cells.ParseDate(s)
		return d.Format(time.DateOnly), err
	case YearMonth:
		y, m, err := cells.ParseYearMonth(s)
		return fmt.Sprintf("%04d-%02d", y, m), err
	case SchoolYear:
		y, err := cells.ParseSchoolYear(s)
		return strconv.Itoa(y), err
	case Term:
		t, err := cells.ParseTerm(s)
		return strconv.Itoa(t), err
	case Gender:
		return cells.ParseGender(s)
	case Bool:
		b, err := cells.ParseBool(s)
		return strconv.FormatBool(b), err
	case Grade:
		return cells.ParseGrade(s)
	case Class:
		return cells.ParseClass(s)
	case LeftBehind:
		n, err := cells.ParseLeftBehind(s)
		return strconv.Itoa(n), err
	case IDType:
		return cells.ParseIDType(s)
	case Code10:
		return cells.ParseCode(s, 10)
	case Code12:
		return cells.ParseCode(s, 12)
	case Enum:
		return cells.ParseEnum(s, c.Values)
	case Count:
		n, err := cells.ParseInt(s, 0, 10000)
		return strconv.Itoa(n), err
	default: // Text, and IDNumber until crossChecks
		return trim(s), nil
	}
}

// trim removes ASCII and full-width white space around a cell.
func trim(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }
