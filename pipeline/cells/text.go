package cells

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isPad reports whether r is trimmed from both ends of every cell: ASCII
// white space, U+00A0, U+3000, U+200B and U+FEFF.
func isPad(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x00A0, 0x3000, 0x200B, 0xFEFF:
		return true
	}
	return false
}

func mayStartPad(b byte) bool { return b <= ' ' || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF }

func mayEndPad(b byte) bool { return b <= ' ' || b == 0xA0 || b == 0x8B || b == 0x80 || b == 0xBF }

// trim removes padding (see isPad) from both ends of s without allocating.
func trim(s string) string {
	if s == "" {
		return s
	}
	// Fast path for nearly every cell, Chinese text included: padding
	// starts with a control byte or space, or C2, E2, E3 or EF (U+00A0,
	// U+200B, U+3000, U+FEFF), and ends with one, or A0, 8B, 80 or BF.
	if !mayStartPad(s[0]) && !mayEndPad(s[len(s)-1]) {
		return s
	}
	// Most other cells are Chinese text with no padding either.
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isPad(first) && !isPad(last) {
		return s
	}
	return strings.TrimFunc(s, isPad)
}

// Blank reports whether s is empty after trimming ASCII and full-width
// white space (see the package doc for the exact set).
func Blank(s string) bool { return trim(s) == "" }

// foldRune maps a full-width ASCII variant (U+FF01..U+FF5E) to ASCII and
// U+3000 to a space; other runes are returned unchanged.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == 0x3000:
		return ' '
	}
	return r
}

// fold returns s with full-width ASCII variants folded (see foldRune). It
// allocates only when s contains such a rune.
func fold(s string) string {
	i := 0
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if foldRune(r) != r {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// clean trims and folds s: the starting point of most parsers.
func clean(s string) string { return fold(trim(s)) }

// removeSpaces drops every padding rune (see isPad) inside s.
func removeSpaces(s string) string {
	if strings.IndexFunc(s, isPad) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isPad(r) {
			return -1
		}
		return r
	}, s)
}

// NormalizeHeader returns the form of a header cell used for matching.
// It folds full-width ASCII to half-width (so （）become ()), folds 【】 to
// [], removes all white space anywhere in the cell (ASCII, U+3000, U+00A0,
// zero-width space, byte-order mark), strips the required-field markers
// ★ ☆ * from both ends (templates put them before or after the name, and
// sometimes twice), and lower-cases ASCII letters so English keys match in
// any case. It is idempotent.
func NormalizeHeader(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r == '【':
			r = '['
		case r == '】':
			r = ']'
		case isPad(r) || unicode.IsSpace(r) || r == 0x200C || r == 0x200D || r == 0x2060:
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), isMarker)
}

// isMarker reports whether r marks a required header (★, ☆ or *).
func isMarker(r rune) bool { return r == '★' || r == '☆' || r == '*' }

// stripDotZero removes a trailing ".0", ".00"… from an all-digit string,
// which is how a numeric Excel cell may be rendered as text.
func stripDotZero(s string) string {
	dot := strings.IndexByte(s, '.')
	if dot <= 0 || !allDigits(s[:dot]) {
		return s
	}
	for i := dot + 1; i < len(s); i++ {
		if s[i] != '0' {
			return s
		}
	}
	if dot+1 == len(s) {
		return s
	}
	return s[:dot]
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts an all-digit string of at most 9 digits; ok is false for
// anything else.
func atoi(s string) (n int, ok bool) {
	if len(s) > 9 || !allDigits(s) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// chineseDigits lists the Chinese numerals 1..9 in order.
const chineseDigits = "一二三四五六七八九"

// chineseNumber converts a Chinese numeral from 一 to 九十九 (一, 十, 十二,
// 二十, 二十三) or an ASCII number of up to 9 digits; ok is false otherwise.
func chineseNumber(s string) (int, bool) {
	if n, ok := atoi(s); ok {
		return n, true
	}
	tens, rest, hasTen := strings.Cut(s, "十")
	if !hasTen {
		return chineseDigit(s)
	}
	t := 1
	if tens != "" {
		var ok bool
		if t, ok = chineseDigit(tens); !ok {
			return 0, false
		}
	}
	if rest == "" {
		return t * 10, true
	}
	u, ok := chineseDigit(rest)
	return t*10 + u, ok
}

// chineseDigit converts one of 一..九 to 1..9.
func chineseDigit(s string) (int, bool) {
	i := strings.Index(chineseDigits, s)
	if s == "" || i < 0 || i%3 != 0 || len(s) != 3 {
		return 0, false
	}
	return i/3 + 1, true
}
