// Package sqltext reads SQL text the way DuckDB does where it matters to
// dropwatch: quotes ('…', "…") and comments (-- to end of line, /* … */)
// are found by one small lexer, used by the model runner (to strip comments
// before looking for references) and by the sql shell (to cut a script into
// statements).
package sqltext

import "strings"

// Split cuts a script into statements at semicolons that are outside
// quotes ('…', "…") and comments (-- to end of line, /* … */). Statements
// come back trimmed, without their semicolon; empty ones are dropped. The
// text after the last semicolon is returned as rest (the unfinished
// statement of an interactive session).
func Split(script string) (stmts []string, rest string) {
	start := 0
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"':
			i = skipQuoted(script, i, c)
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			i = skipTo(script, i, "\n")
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			i = skipTo(script, i+2, "*/") + 1
		case c == ';':
			if s := strings.TrimSpace(script[start:i]); s != "" {
				stmts = append(stmts, s)
			}
			start = i + 1
		}
	}
	return stmts, strings.TrimSpace(script[start:])
}

// skipQuoted returns the index of the closing quote of the quoted text
// opening at i (a doubled quote is part of the text), or the end.
func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		if j+1 < len(s) && s[j+1] == q {
			j++
			continue
		}
		return j
	}
	return len(s)
}

// skipTo returns the index of the last byte of the first sep at or after
// i, or the end.
func skipTo(s string, i int, sep string) int {
	if k := strings.Index(s[i:], sep); k >= 0 {
		return i + k + len(sep) - 1
	}
	return len(s)
}

// StripComments returns script without its comments: a line comment is cut
// up to (not including) its newline, a block comment becomes one space.
// Text inside quotes is kept as it is, "--" included.
func StripComments(script string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"':
			i = skipQuoted(script, i, c)
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			b.WriteString(script[start:i])
			i = skipTo(script, i, "\n")
			start = i // the newline stays
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			b.WriteString(script[start:i])
			b.WriteByte(' ')
			i = skipTo(script, i+2, "*/")
			start = i + 1
		}
	}
	if start < len(script) {
		b.WriteString(script[start:])
	}
	return b.String()
}
