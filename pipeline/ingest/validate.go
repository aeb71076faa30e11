package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	layout  *Layout
	today   time.Time
	out     []text // canonical value per kind column; unset when blank
	col     keyColumns
	att     attendanceColumns
	date    time.Time // the date parse read last
	num     int32     // the value parse read last, for the types stored as values
	birth   time.Time // 出生日期 of the current row, when birthOK
	birthOK bool      // the current row's 出生日期 parsed as a date
	// ids holds the identity numbers already parsed in this file, for
	// the kinds with a row per pupil and month (nil for the others).
	ids map[string]cells.ID
	// lastRaw and lastID are the last valid number parsed with ids: a
	// file that lists a pupil's months together repeats it row after row.
	lastRaw string
	lastID  cells.ID
}

// maxCachedIDs bounds ids: a county's pupils fit, a province file's
// later pupils are parsed each time.
const maxCachedIDs = 1 << 20

// text is a cell as raw.<kind> stores it: its text (unset is NULL) and,
// for the types a part stores as values (storedType), the parsed value.
type text struct {
	s   string
	set bool
	num int32 // Date: days since 1970-01-01; Bool: 1 or 0; other typed columns: the number
	ok  bool  // num holds the parsed value (false for a cell that did not parse)
}

// keyColumns are the kind columns the cross checks read (-1 when the kind
// has no such column).
type keyColumns struct{ id, idType, birth, status, returnDate int }

func newValidator(l *Layout, today time.Time) *validator {
	v := &validator{layout: l, today: today, out: make([]text, len(l.Kind.Columns))}
	v.col = keyColumns{id: v.colIndex("id_number"), idType: v.colIndex("id_type"),
		birth: v.colIndex("birth_date"), status: v.colIndex("persuasion_status"),
		returnDate: v.colIndex("return_date")}
	v.att = v.attendanceColumns()
	if l.Kind.Name == "attendance" {
		v.ids = map[string]cells.ID{}
	}
	return v
}

// row parses one data row. Valid cells become canonical text; a broken
// cell keeps its text as written so the row stays queryable, and yields
// a Problem.
func (v *validator) row(rec []string) []Problem {
	var probs []Problem
	k := v.layout.Kind
	v.birthOK = false
	for i := range k.Columns {
		c := &k.Columns[i]
		raw := v.cell(rec, i)
		v.out[i] = text{}
		if cells.Blank(raw) {
			if c.Required {
				probs = append(probs, v.problem(i, raw, fmt.Sprintf("必填项「%s」为空：请在源文件中补填", c.Header)))
			}
			continue
		}
		val, err := v.parse(c, raw)
		if err != nil {
			v.out[i] = text{s: trim(raw), set: true}
			probs = append(probs, v.problem(i, raw, err.Error()))
			continue
		}
		if c.Type == Date && eventDate[c.Key] && v.date.After(v.todayDate()) {
			v.out[i] = text{s: trim(raw), set: true}
			probs = append(probs, v.problem(i, raw, fmt.Sprintf("「%s」%s 在装载之日（%s）之后，不可能已经发生：请核对年份后改正",
				c.Header, val, v.todayDate().Format("2006-01-02"))))
			continue
		}
		v.out[i] = text{s: val, set: true, num: v.num, ok: true}
		if i == v.col.birth && c.Type == Date {
			v.birth, v.birthOK = v.date, true
		}
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
	return Problem{Column: name, Value: raw, Reason: fromSource(reason, v.layout.Kind.Source)}
}

// fromSource names the file's own source in a reason that tells the clerk
// to export again: the cell rules say 学籍系统, but a household file comes
// from the police's register and a census from its own office.
func fromSource(reason, source string) string {
	if source == "" || source == "学籍系统" {
		return reason
	}
	return strings.ReplaceAll(reason, "从学籍系统", "从"+source)
}

// eventDate are the date columns that record something that happened: a
// date after the load day is a typo (a dropout dated 2099 would otherwise
// count in no school year's figures and be reported nowhere).
var eventDate = map[string]bool{"dropout_date": true, "return_date": true}

// todayDate is the load day (in the clock's location) as a date.
func (v *validator) todayDate() time.Time {
	y, m, d := v.today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// parse handles every type but IDNumber, which depends on the row's
// document type and is checked in crossChecks.
func (v *validator) parse(c *Column, s string) (string, error) {
	switch c.Type {
	case Date:
		d, text, err := cells.ParseDateText(s)
		if err != nil {
			return "", err
		}
		v.date, v.num = d, int32(d.Unix()/86400)
		return text, nil
	case YearMonth:
		y, m, err := cells.ParseYearMonth(s)
		return fmt.Sprintf("%04d-%02d", y, m), err
	case SchoolYear:
		y, err := cells.ParseSchoolYear(s)
		v.num = int32(y)
		return yearText(y), err
	case Term:
		t, err := cells.ParseTerm(s)
		v.num = int32(t)
		return strconv.Itoa(t), err
	case Gender:
		return cells.ParseGender(s)
	case Bool:
		b, err := cells.ParseBool(s)
		v.num = 0
		if b {
			v.num = 1
		}
		return strconv.FormatBool(b), err
	case Grade:
		return cells.ParseGrade(s)
	case Class:
		return cells.ParseClass(s)
	case LeftBehind:
		n, err := cells.ParseLeftBehind(s)
		v.num = int32(n)
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
		v.num = int32(n)
		return strconv.Itoa(n), err
	case Month:
		n, err := cells.ParseInt(strings.TrimSuffix(trim(s), "月"), 1, 12)
		v.num = int32(n)
		return smallIntText(n), err
	case Days:
		n, err := cells.ParseInt(s, 0, 31)
		v.num = int32(n)
		return smallIntText(n), err
	default: // Text, and IDNumber until crossChecks
		return trim(s), nil
	}
}

// trim removes ASCII and full-width white space around a cell. Most cells
// neither start nor end with a space, and are returned at once.
func trim(s string) string {
	if s == "" || !spaceFirst(s) && !spaceLast(s) {
		return s
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// spaceFirst reports whether s begins with a rune unicode.IsSpace accepts.
// Such a rune is ASCII or begins with byte C2, E1, E2 or E3 (U+0085,
// U+00A0, U+1680, U+2000-U+205F, U+3000), so the Chinese text of most
// cells needs no decoding.
func spaceFirst(s string) bool {
	b := s[0]
	if b < utf8.RuneSelf {
		return asciiSpace(b)
	}
	if !spaceLead(b) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// spaceLast reports whether s ends with such a rune; it looks for the
// last rune's first byte as utf8.DecodeLastRuneInString does.
func spaceLast(s string) bool {
	end := len(s) - 1
	if s[end] < utf8.RuneSelf {
		return asciiSpace(s[end])
	}
	start := end
	for start > 0 && start > len(s)-utf8.UTFMax && !utf8.RuneStart(s[start]) {
		start--
	}
	if !spaceLead(s[start]) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func asciiSpace(b byte) bool {
	return b == ' ' || b >= '\t' && b <= '\r'
}

func spaceLead(b byte) bool { return b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 }

// smallInts are the canonical texts of 0..31, so the commonest counts of a
// monthly attendance file cost no allocation.
var smallInts = func() (t [32]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

// yearTexts are the canonical texts of the years 1900..2199, so a school
// year costs no allocation either.
var yearTexts = func() (t [300]string) {
	for i := range t {
		t[i] = strconv.Itoa(1900 + i)
	}
	return t
}()

func yearText(y int) string {
	if y >= 1900 && y < 1900+len(yearTexts) {
		return yearTexts[y-1900]
	}
	return smallIntText(y)
}

func smallIntText(n int) string {
	if n >= 0 && n < len(smallInts) {
		return smallInts[n]
	}
	return strconv.Itoa(n)
}
