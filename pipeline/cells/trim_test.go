package cells

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// trim's byte-level fast path gives what trimming rune by rune gives, for
// every padding rune at either end of Chinese, ASCII and full-width text.
func TestTrimMatchesTrimFunc(t *testing.T) {
	parts := []string{"", "a", "1", "中", "心", "小学", "（", "）", "。", "ー", "\u3000", "\u00a0", "\u200b", "\ufeff",
		" ", "\t", "\r\n", "\x01", "\u2003", "\u00a1", "\u30a0", "\uff0c"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50_000 {
		var b strings.Builder
		for n := r.IntN(5); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := trim(s), strings.TrimFunc(s, isPad); got != want {
			t.Fatalf("trim(%q) = %q, want %q", s, got, want)
		}
	}
}
