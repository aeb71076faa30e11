package ingest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

// extraWant is the object the raw layer kept before extraJSON had its own
// encoder: a map of header to cell through encoding/json.
func extraWant(l *Layout, rec []string) string {
	m := map[string]string{}
	for _, j := range l.Extra {
		if j < len(rec) && trim(rec[j]) != "" {
			key := trim(l.Headers[j])
			if key == "" {
				key = fmt.Sprintf("第%d列", j+1)
			}
			m[key] = rec[j]
		}
	}
	if len(m) == 0 {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func checkExtra(t *testing.T, l *Layout, rec []string) {
	t.Helper()
	got := extraJSON(l, rec)
	if want := extraWant(l, rec); got.s != want || got.set != (want != "") {
		t.Errorf("headers %q, row %q: got %q (set %v), want %q", l.Headers, rec, got.s, got.set, want)
	}
}

// Every single byte, and the runes encoding/json escapes or replaces, as
// the value and as the header of one extra column.
func TestExtraJSONBytes(t *testing.T) {
	l := &Layout{Headers: []string{"姓名", "序号"}, Extra: []int{1}}
	for b := 0; b < 256; b++ {
		for _, s := range []string{string(rune(b)), string([]byte{byte(b)}), "a" + string([]byte{byte(b)}) + "b"} {
			checkExtra(t, l, []string{"x", s})
			checkExtra(t, &Layout{Headers: []string{"姓名", s}, Extra: []int{1}}, []string{"x", "1"})
		}
	}
	for _, s := range []string{"\u2028", "a\u2029b", "\ufffd", "\xe4\xb8", "转入<备注>", "A&B", "\u007f", "全角　空格", " 1 "} {
		checkExtra(t, l, []string{"x", s})
	}
}

// Random rows of two to five extra columns whose headers repeat, are blank
// or need escaping: the later column of a header wins, keys are sorted.
func TestExtraJSONColumns(t *testing.T) {
	headers := []string{"序号", "备注", "", " 备注 ", "a<b", "学号", "\t", "Z"}
	vals := []string{"", " ", "1", "转入", "x\"y", "\n", "<b>", "甲\u2028乙", "\xff", "0012"}
	r := rand.New(rand.NewPCG(1, 17))
	for range 5000 {
		n := 2 + r.IntN(4)
		l := &Layout{Headers: []string{"姓名"}}
		rec := []string{"x"}
		for j := 1; j <= n; j++ {
			l.Headers = append(l.Headers, headers[r.IntN(len(headers))])
			l.Extra = append(l.Extra, j)
			rec = append(rec, vals[r.IntN(len(vals))])
		}
		checkExtra(t, l, rec[:len(rec)-r.IntN(2)]) // sometimes a short row
	}
}
