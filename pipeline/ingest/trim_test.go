package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// trim is strings.TrimFunc with unicode.IsSpace, for every rune of the
// Basic Multilingual Plane at either end of a cell, and for random bytes
// (invalid UTF-8 among them) at either end.
func TestTrimAgreesWithTrimFunc(t *testing.T) {
	check := func(s string) {
		if got, want := trim(s), strings.TrimFunc(s, unicode.IsSpace); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r <= 0xFFFF; r++ {
		c := string(r)
		check(c)
		check(c + "甲")
		check("甲" + c)
		check("a" + c + c)
		check("甲" + c[1:])                 // the rune without its first byte
		check(c[:len(c)-1] + c[:len(c)-1]) // without its last byte
		check("甲" + c + "\x80")
	}
	rng := rand.New(rand.NewPCG(3, 17))
	for range 200_000 {
		b := make([]byte, 1+rng.IntN(6))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		check(string(b))
		check("乙" + string(b))
		check(string(b) + "乙")
	}
}
