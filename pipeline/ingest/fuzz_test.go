package ingest

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRecognise: any header row either rejects the file with a message or
// maps each column of the kind to at most one distinct file column, never
// panicking.
func FuzzRecognise(f *testing.F) {
	f.Add("学年,学期,学校标识码,姓名★,性别,出生日期,身份证件号,年级,班级")
	f.Add("毕业学年,身份证件号,姓名,学校标识码,去向")
	f.Add("SCHOOL_YEAR,term,姓名,姓名")
	f.Add("")
	f.Fuzz(func(t *testing.T, row string) {
		cells := strings.Split(row, ",")
		l, err := Recognise(cells)
		if err != nil {
			if !IsReject(err) || err.Error() == "" {
				t.Fatalf("error %v is not a rejection with a message", err)
			}
			return
		}
		seen := map[int]bool{}
		for i, j := range l.Index {
			if j < 0 {
				if l.Kind.Columns[i].Required {
					t.Fatalf("required column %s missing but not rejected", l.Kind.Columns[i].Header)
				}
				continue
			}
			if j >= len(cells) || seen[j] {
				t.Fatalf("column %d mapped twice or out of range", j)
			}
			seen[j] = true
		}
	})
}

// FuzzCSVRows: any bytes either fail with a rejection or yield rows whose
// numbers strictly increase and whose cells are valid UTF-8 text.
func FuzzCSVRows(f *testing.F) {
	f.Add([]byte("学年,学期\n2025,1\n\n2025,2\n"))
	f.Add([]byte("\xef\xbb\xbfa,\"b\nc\",d\n1,2,3\n"))
	f.Add([]byte("\xd1\xa7\xc4\xea,\xd1\xa7\xc6\xda\n2025,1\n")) // GBK 学年,学期
	f.Add([]byte("a,\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := newCSVRows(bytes.NewReader(data), io.NopCloser(nil))
		if err != nil {
			if !IsReject(err) {
				t.Fatalf("open: %v is not a rejection", err)
			}
			return
		}
		last := 0
		for {
			rec, n, err := rows.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				if !IsReject(err) {
					t.Fatalf("row: %v is not a rejection", err)
				}
				return
			}
			if n <= last {
				t.Fatalf("row number %d after %d", n, last)
			}
			last = n
			for _, c := range rec {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not valid UTF-8", c)
				}
			}
		}
	})
}
