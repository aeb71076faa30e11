package reports

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// A workbook's digest encodes its inputs as JSON, which leaves out
// unexported fields, fields tagged "-" and fields whose JSON names
// collide: a change in such a field would not change the digest, and an
// outdated workbook would be reused. Every type a workbook is made from
// (the inputs writePublic, writeRestricted and writeWorklists pass) has
// none. (The public workbooks, whose indicators hold the catalogue row
// unexported, pass no inputs and are always made.)
func TestWorkbookInputsAreAllExported(t *testing.T) {
	for _, v := range []any{workbookOptions{}, &DropoutList{}, &HandoffList{}, []QuarantineRow{},
		&UnaccountedList{}, Worklist{}, Term{}} {
		for _, p := range hiddenFromJSON(reflect.TypeOf(v), map[reflect.Type]bool{}) {
			t.Errorf("%T: %s is not in the JSON a digest reads", v, p)
		}
	}
}

// hiddenFromJSON lists the fields of t (and of the types inside it) that
// encoding/json would not write.
func hiddenFromJSON(t reflect.Type, seen map[reflect.Type]bool) []string {
	if seen[t] || t == reflect.TypeFor[time.Time]() {
		return nil
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return hiddenFromJSON(t.Elem(), seen)
	case reflect.Map:
		return append(hiddenFromJSON(t.Key(), seen), hiddenFromJSON(t.Elem(), seen)...)
	case reflect.Struct:
	default:
		return nil
	}
	var out []string
	names := map[string]bool{}
	for f := range t.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		name := tag
		if name == "" {
			name = f.Name
		}
		switch {
		case !f.IsExported():
			out = append(out, t.Name()+"."+f.Name+" (unexported)")
		case tag == "-":
			out = append(out, t.Name()+"."+f.Name+` (json:"-")`)
		case f.Anonymous:
			out = append(out, t.Name()+"."+f.Name+" (embedded: its fields may collide)")
		case names[name]:
			out = append(out, t.Name()+"."+f.Name+" (JSON name "+name+" taken)")
		}
		names[name] = true
		for _, p := range hiddenFromJSON(f.Type, seen) {
			out = append(out, p)
		}
	}
	return out
}
