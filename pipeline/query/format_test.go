package query

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "示范镇": 6, "A村１": 5, "": 0, "（全角）": 8} {
		if got := DisplayWidth(s); got != want {
			t.Errorf("DisplayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// Chinese and Latin cells line up: every line of the table is equally wide
// on screen, and numbers are right-aligned.
func TestTableAlignsChinese(t *testing.T) {
	var b bytes.Buffer
	ts := &TableSink{W: &b}
	ts.Columns([]Column{{Name: "村", Type: "VARCHAR"}, {Name: "n", Type: "BIGINT"}})
	ts.Row([]any{"青山社区", int64(7)})
	ts.Row([]any{"B village", int64(1234)})
	ts.Row([]any{nil, nil})
	ts.Done()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	lines = lines[:len(lines)-1] // the row count
	for _, l := range lines {
		if DisplayWidth(l) != DisplayWidth(lines[0]) {
			t.Errorf("ragged table:\n%s", b.String())
			break
		}
	}
	if !strings.Contains(b.String(), "|    7 |") || !strings.Contains(b.String(), "| NULL") {
		t.Errorf("numbers not right-aligned or NULL not shown:\n%s", b.String())
	}
}

func TestTableMaxRows(t *testing.T) {
	var b bytes.Buffer
	ts := &TableSink{W: &b, MaxRows: 2}
	ts.Columns([]Column{{Name: "x", Type: "INTEGER"}})
	for i := range 5 {
		ts.Row([]any{int32(i)})
	}
	ts.Done()
	if !strings.Contains(b.String(), "共 5 行，显示前 2 行") || strings.Contains(b.String(), "| 4 |") {
		t.Errorf("max rows:\n%s", b.String())
	}
}

func TestCSVAndJSON(t *testing.T) {
	day := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	cols := []Column{{Name: "id", Type: "VARCHAR"}, {Name: "d", Type: "DATE"}, {Name: "v", Type: "DOUBLE"}, {Name: "n", Type: "BIGINT"}}
	row := []any{"43052120090902661X", day, 99.5, nil}
	var c, j bytes.Buffer
	for _, s := range []Sink{NewCSVSink(&c), NewJSONSink(&j)} {
		s.Columns(cols)
		s.Row(row)
		s.Done()
	}
	if want := "id,d,v,n\n43052120090902661X,2025-09-01,99.5,\n"; c.String() != want {
		t.Errorf("csv %q, want %q", c.String(), want)
	}
	if want := `{"id":"43052120090902661X","d":"2025-09-01","v":99.5,"n":null}` + "\n"; j.String() != want {
		t.Errorf("json %q, want %q", j.String(), want)
	}
}

// The history keeps the newest lines, newest first, and bounds its file.
func TestFileHistory(t *testing.T) {
	path := t.TempDir() + "/h"
	h := LoadHistory(path, 2)
	for _, l := range []string{"a", "b", "c", "d", "e"} {
		h.Add(l)
	}
	if h.Len() != 2 || h.At(0) != "e" || h.At(1) != "d" {
		t.Errorf("history %d: %q %q", h.Len(), h.At(0), h.At(1))
	}
	again := LoadHistory(path, 2)
	if again.Len() != 2 || again.At(0) != "e" {
		t.Errorf("reloaded history: %d lines", again.Len())
	}
	body, _ := os.ReadFile(path)
	if string(body) != "d\ne\n" {
		t.Errorf("history file not trimmed: %q", body)
	}
}

// The shell's CSV escapes text that a spreadsheet would run as a formula,
// and leaves numbers alone (CSVSafe).
func TestCSVSinkEscapesFormulas(t *testing.T) {
	var b strings.Builder
	s := NewCSVSink(&b)
	if err := s.Columns([]Column{{Name: "a"}, {Name: "b"}}); err != nil {
		t.Fatal(err)
	}
	for _, row := range [][]any{{"=1+1", int64(-3)}, {"@x", "ok"}} {
		if err := s.Row(row); err != nil {
			t.Fatal(err)
		}
	}
	s.Done()
	if got, want := b.String(), "a,b\n'=1+1,-3\n'@x,ok\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
