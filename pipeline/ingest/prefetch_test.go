package ingest

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// rowsText reads every row of src and returns each with its row number,
// and the error that ended it.
func rowsText(src Rows) ([]string, string) {
	var out []string
	for {
		rec, row, err := src.Next()
		if err != nil {
			return out, err.Error()
		}
		out = append(out, fmt.Sprintf("%d:%q", row, rec))
	}
}

// A prefetched reader yields the rows of the file read directly, with
// their row numbers and the same final error, across chunk boundaries:
// rows of different lengths, blank lines (rows a spreadsheet counts), a
// quoted cell over two lines, and a file that ends in bytes that are not
// text.
func TestPrefetchYieldsTheSameRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("学年,姓名,备注\n")
	for i := range 6*prefetchRows + 7 { // about 200 KB, beyond the encoding sniff
		switch {
		case i%97 == 0:
			b.WriteString("\n")
		case i%131 == 0:
			fmt.Fprintf(&b, "2025,\"两行\n%d\"\n", i)
		case i%5 == 0:
			fmt.Fprintf(&b, "2025,学生%d,,多余\n", i)
		default:
			fmt.Fprintf(&b, "2025,学生%d,%s\n", i, strings.Repeat("好", 16))
		}
	}
	good := b.String()
	for name, data := range map[string]string{"whole": good, "broken": good + "2025,\xff\xfe\n"} {
		t.Run(name, func(t *testing.T) {
			want, wantErr := rowsText(openText(t, data))
			src := openText(t, data)
			p := prefetch(src)
			got, gotErr := rowsText(p)
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			if len(want) < 5*prefetchRows {
				t.Fatalf("only %d rows read directly: the test needs several chunks", len(want))
			}
			if (wantErr == io.EOF.Error()) != (name == "whole") {
				t.Fatalf("reading directly ended with %q", wantErr)
			}
			if gotErr != wantErr || !slices.Equal(got, want) {
				t.Errorf("prefetched %d rows, error %q; directly %d rows, error %q", len(got), gotErr, len(want), wantErr)
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("first difference at %d: %s against %s", i, got[i], want[i])
					}
				}
			}
		})
	}
}

// Close in the middle of a file ends the reading goroutine even while it
// waits to hand over a chunk nobody takes.
func TestPrefetchCloseMidway(t *testing.T) {
	data := "a,b\n" + strings.Repeat("1,2\n", 20*prefetchRows)
	p := prefetch(openText(t, data))
	if _, _, err := p.Next(); err != nil {
		t.Fatal(err)
	}
	p.Close()
	select {
	case <-p.done:
	default:
		t.Fatal("the reading goroutine still runs after Close")
	}
}

func openText(t *testing.T, data string) Rows {
	t.Helper()
	c, err := newCSVRows(bytes.NewReader([]byte(data)), nopCloser{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Next(); err != nil && err != io.EOF { // the header
		t.Fatal(err)
	}
	return c
}
