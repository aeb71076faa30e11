package sqltext

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		rest string
	}{
		{"SELECT 1; SELECT 2;", []string{"SELECT 1", "SELECT 2"}, ""},
		{"SELECT ';' AS a; SELECT 2", []string{"SELECT ';' AS a"}, "SELECT 2"},
		{`SELECT "a;b" FROM t;`, []string{`SELECT "a;b" FROM t`}, ""},
		{"SELECT 'it''s; here';", []string{"SELECT 'it''s; here'"}, ""},
		{"SELECT 1 -- no; split\n;", []string{"SELECT 1 -- no; split"}, ""},
		{"SELECT /* a; b */ 1;", []string{"SELECT /* a; b */ 1"}, ""},
		{";;  ;", nil, ""},
		{"SELECT 'open;", nil, "SELECT 'open;"},
	}
	for _, c := range cases {
		got, rest := Split(c.in)
		if !reflect.DeepEqual(got, c.want) || rest != c.rest {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", c.in, got, rest, c.want, c.rest)
		}
	}
}

func TestStripComments(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT 1 -- one\nFROM t", "SELECT 1 \nFROM t"},
		{"SELECT '--' AS a -- c", "SELECT '--' AS a "},
		{`SELECT "x--y" /* mart.b */ FROM t`, `SELECT "x--y"   FROM t`},
		{"SELECT 'it''s -- here' -- gone\n", "SELECT 'it''s -- here' \n"},
		{"SELECT 1 /* open", "SELECT 1  "},
	}
	for _, c := range cases {
		if got := StripComments(c.in); got != c.want {
			t.Errorf("StripComments(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
