package ingest

import (
	"time"

	"dropwatch/pipeline/cells"
)

// crossChecks applies the rules that involve more than one cell of a row:
// an identity number is checked only when the document type is a resident
// identity card (or absent), and must agree with 出生日期; 已返校 needs a
// 返校日期.
func (v *validator) crossChecks(rec []string) []Problem {
	var probs []Problem
	k := v.layout.Kind
	idCol := v.colIndex("id_number")
	if idCol >= 0 && v.out[idCol] != nil && v.residentID() {
		raw := v.cell(rec, idCol)
		id, err := cells.ParseIDNumber(raw, v.today)
		if err != nil {
			probs = append(probs, v.problem(idCol, raw, err.Error()))
		} else {
			v.out[idCol] = id.Number
			if p, ok := v.birthAgrees(rec, id); !ok {
				probs = append(probs, p)
			}
		}
	}
	if k.Name == "dropout" && v.value("persuasion_status") == "已返校" && v.value("return_date") == "" {
		i := v.colIndex("return_date")
		probs = append(probs, v.problem(i, v.cell(rec, i), "劝返状态为「已返校」时必须填写返校日期：请补填"))
	}
	return probs
}

func (v *validator) residentID() bool {
	t := v.value("id_type")
	return t == "" || t == "1"
}

func (v *validator) birthAgrees(rec []string, id cells.ID) (Problem, bool) {
	bi := v.colIndex("birth_date")
	if bi < 0 {
		return Problem{}, true
	}
	s, ok := v.out[bi].(string)
	if !ok {
		return Problem{}, true
	}
	birth, err := time.Parse(time.DateOnly, s)
	if err != nil { // the date cell itself is broken and already reported
		return Problem{}, true
	}
	if err := cells.CheckIDBirth(id, birth); err != nil {
		return v.problem(v.colIndex("id_number"), v.cell(rec, v.colIndex("id_number")), err.Error()), false
	}
	return Problem{}, true
}

func (v *validator) colIndex(key string) int {
	for i, c := range v.layout.Kind.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// value returns the canonical value of a column of the current row, or ""
// when the kind has no such column or the cell is blank.
func (v *validator) value(key string) string {
	i := v.colIndex(key)
	if i < 0 {
		return ""
	}
	s, _ := v.out[i].(string)
	return s
}
