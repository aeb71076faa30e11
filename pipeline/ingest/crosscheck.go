package ingest

import (
	"strings"
	"time"

	"dropwatch/pipeline/cells"
)

// crossChecks applies the rules that involve more than one cell of a row:
// an identity number is checked only when the document type is a resident
// identity card (or absent), and must agree with 出生日期; 已返校 needs a
// 返校日期.
func (v *validator) crossChecks(rec []string) []Problem {
	var probs []Problem
	idCol := v.col.id
	if idCol >= 0 && v.out[idCol].set && v.otherDocument() {
		v.out[idCol].s = strings.ToUpper(v.out[idCol].s)
	} else if idCol >= 0 && v.out[idCol].set && v.residentID() {
		raw := v.cell(rec, idCol)
		id, err := v.parseID(raw)
		if err != nil {
			probs = append(probs, v.problem(idCol, raw, err.Error()))
		} else {
			v.out[idCol].s = id.Number
			if p, ok := v.birthAgrees(rec, id); !ok {
				probs = append(probs, p)
			}
		}
	}
	if v.layout.Kind.Name == "dropout" && v.value(v.col.status) == "已返校" && v.value(v.col.returnDate) == "" {
		i := v.col.returnDate
		probs = append(probs, v.problem(i, v.cell(rec, i), "劝返状态为「已返校」时必须填写返校日期：请补填"))
	}
	switch v.layout.Kind.Name {
	case "attendance":
		probs = append(probs, v.attendanceChecks(rec)...)
	case "followup":
		probs = append(probs, v.followupChecks(rec)...)
	}
	return probs
}

// parseID parses an identity number. When the kind repeats its pupils (a
// pupil's attendance has a row per month) it answers from the last valid
// number, when the row repeats it, or from the map of those parsed
// before. Only valid numbers are kept: a bad one is parsed again for its
// message.
func (v *validator) parseID(raw string) (cells.ID, error) {
	if v.lastID.Number != "" && raw == v.lastRaw {
		return v.lastID, nil
	}
	id, ok := v.ids[raw]
	var err error
	if !ok {
		id, err = cells.ParseIDNumber(raw, v.today)
		if err == nil && v.ids != nil && len(v.ids) < maxCachedIDs {
			v.ids[strings.Clone(raw)] = id
		}
	}
	if err == nil && v.ids != nil {
		v.lastRaw, v.lastID = raw, id
	}
	return id, err
}

// otherDocument reports a number that begins with a Latin letter in a kind
// without 身份证件类型 (H80465540, M1234567, E12345678: 港澳、台湾通行证,
// passports). It is another document's number, kept trimmed and
// upper-cased, not a bad identity number (docs/inputs.md).
func (v *validator) otherDocument() bool {
	if v.col.idType >= 0 {
		return false
	}
	s := v.out[v.col.id].s
	return s != "" && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z')
}

func (v *validator) residentID() bool {
	t := v.value(v.col.idType)
	return t == "" || t == "1"
}

func (v *validator) birthAgrees(rec []string, id cells.ID) (Problem, bool) {
	birth, ok := v.birthDate()
	if !ok {
		return Problem{}, true
	}
	if err := cells.CheckIDBirth(id, birth); err != nil {
		return v.problem(v.col.id, v.cell(rec, v.col.id), err.Error()), false
	}
	return Problem{}, true
}

// birthDate is the row's 出生日期 as a date. A cell that broke its rule
// keeps its text, which is compared only when it reads as YYYY-MM-DD.
func (v *validator) birthDate() (time.Time, bool) {
	if v.birthOK {
		return v.birth, true
	}
	if v.col.birth < 0 || !v.out[v.col.birth].set {
		return time.Time{}, false
	}
	birth, err := time.Parse(time.DateOnly, v.out[v.col.birth].s)
	return birth, err == nil
}

func (v *validator) colIndex(key string) int {
	cols := v.layout.Kind.Columns
	for i := range cols {
		if cols[i].Key == key {
			return i
		}
	}
	return -1
}

// value returns the text of column i of the current row, or "" when the
// kind has no such column (i < 0) or the cell is blank.
func (v *validator) value(i int) string {
	if i < 0 {
		return ""
	}
	return v.out[i].s
}
