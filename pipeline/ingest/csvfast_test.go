package ingest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The fast path returns what encoding/csv alone returns for the same
// text: the same cells and the same spreadsheet rows, up to the same
// error. Run with -fuzz=FuzzLineSplitter to search beyond the seeds.
func FuzzLineSplitter(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"a,b\r\n1,2\r\n\r\n\n3,4",
		"a,b\n1,2\r",
		"a,b\n\n\n1,\n,2\n",
		"a,b\n1,\"x,y\"\n2,3\n",
		"a,b\n1,\"two\nlines\"\n\n2,3\n",
		"a,b\n1,x\"y\n2,3\n",
		"a\tb\n1\t2\n",
		"a,b\n1,2\r\r\n3,4\r",
		"a,b\n" + strings.Repeat("x", 70<<10) + ",1\n2,3\n",
		"\"a\",b\n1,2\n",
		"a,b\n1,\"unclosed\n2,3\n",
		"\xef\xbb\xbf学年,学校\n2025,中心小学\n",
		"a,b\n \n1,2",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotErr := readAllRows(data, false)
		want, wantErr := readAllRows(data, true)
		if gotErr != wantErr || !slices.Equal(got, want) {
			t.Errorf("input %q:\nfast path %q, error %q\nencoding/csv %q, error %q", data, got, gotErr, want, wantErr)
		}
	})
}

// readAllRows reads data as an input CSV, through encoding/csv alone when
// std is set, and returns each record with its row, and the error.
func readAllRows(data []byte, std bool) ([]string, string) {
	c, err := newCSVRows(bytes.NewReader(data), nopCloser{})
	if err != nil {
		return nil, err.Error()
	}
	if std {
		c.r = stdCSV(c.br, c.comma)
	}
	var out []string
	for {
		rec, row, err := c.Next()
		if err == io.EOF {
			return out, ""
		}
		if err != nil {
			return out, err.Error()
		}
		out = append(out, fmt.Sprintf("%d:%q", row, rec))
	}
}

// The same comparison on 20,000 random short texts made of the bytes that
// matter to a CSV reader, so every run covers more than the seeds.
func TestLineSplitterMatchesEncodingCSV(t *testing.T) {
	alphabet := []byte("ab,\t\"\r\n 1\xef\xbb\xbf\xe4\xb8\x80\xff\xfe\x00")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		b := make([]byte, r.IntN(40))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		got, gotErr := readAllRows(b, false)
		want, wantErr := readAllRows(b, true)
		if gotErr != wantErr || !slices.Equal(got, want) {
			t.Fatalf("input %q:\nfast path %q, error %q\nencoding/csv %q, error %q", b, got, gotErr, want, wantErr)
		}
	}
}
