package ingest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// extraCell is one non-blank cell of a column the kind does not know,
// under its header (or 第N列 when the header is blank).
type extraCell struct{ key, val string }

// extraJSON keeps the cells of columns the kind does not know: a JSON
// object of header to cell, exactly as encoding/json writes a
// map[string]string (keys sorted; of two columns with the same header the
// later one wins). Most files have one such column (序号) of plain text,
// written here without a map or reflection; any text encoding/json would
// escape goes through encoding/json itself.
func extraJSON(l *Layout, rec []string) text {
	if len(l.Extra) == 0 {
		return text{}
	}
	var buf [4]extraCell
	cs := buf[:0]
	plain := true
	for _, j := range l.Extra {
		if j < len(rec) && trim(rec[j]) != "" {
			key := trim(l.Headers[j])
			if key == "" {
				key = fmt.Sprintf("第%d列", j+1)
			}
			cs = append(cs, extraCell{key, rec[j]})
			plain = plain && plainJSON(key) && plainJSON(rec[j])
		}
	}
	switch {
	case len(cs) == 0:
		return text{}
	case len(cs) == 1 && plain:
		return text{s: `{"` + cs[0].key + `":"` + cs[0].val + `"}`, set: true}
	case plain:
		return text{s: plainObject(cs), set: true}
	}
	m := make(map[string]string, len(cs))
	for _, c := range cs {
		m[c.key] = c.val
	}
	b, _ := json.Marshal(m)
	return text{s: string(b), set: true}
}

// plainObject writes the JSON object of cells of plain text: sorted by
// key, the last cell of a repeated key kept.
func plainObject(cs []extraCell) string {
	// Insertion sort, stable: a repeated key keeps the order of its columns.
	for i := 1; i < len(cs); i++ {
		for k := i; k > 0 && cs[k].key < cs[k-1].key; k-- {
			cs[k], cs[k-1] = cs[k-1], cs[k]
		}
	}
	b := []byte{'{'}
	for i, c := range cs {
		if i+1 < len(cs) && cs[i+1].key == c.key {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, c.key...)
		b = append(b, `":"`...)
		b = append(b, c.val...)
		b = append(b, '"')
	}
	return string(append(b, '}'))
}

// plainJSON reports whether encoding/json writes s between its quotes as
// it is: valid UTF-8 with no control character, quote, backslash, <, >, &,
// U+2028 or U+2029 (in valid UTF-8, the only byte sequences E2 80 A8 and
// E2 80 A9).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&':
			return false
		case b == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return false
		}
	}
	return utf8.ValidString(s)
}
