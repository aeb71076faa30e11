package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dropwatch/privacy"
)

// textMasker masks free text bound for a public page that a person may
// have written anything into (a file name, a 组): runs of digits
// (privacy.MaskText: identity numbers, phones) and every name of a child
// the warehouse knows, as privacy.MaskName prints it. A clerk may name a
// file 张小明_4305….xlsx; the digits alone are not enough.
type textMasker struct {
	names  map[string]bool
	maxLen int // runes of the longest name
}

// loadTextMasker reads the children's names of mart.children (every child
// of the household extracts and the rolls; two characters or more: a
// one-character name would mask common words).
func loadTextMasker(ctx context.Context, db *sql.DB) (*textMasker, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT DISTINCT name FROM mart.children WHERE length(name) BETWEEN 2 AND 6`)
	if err != nil {
		return nil, fmt.Errorf("query names to mask: %w", err)
	}
	defer rows.Close()
	m := &textMasker{names: map[string]bool{}}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("scan names to mask: %w", err)
		}
		m.names[n] = true
		m.maxLen = max(m.maxLen, len([]rune(n)))
	}
	return m, rows.Err()
}

// mask masks digit runs and, longest first at each position, known names.
func (m *textMasker) mask(s string) string {
	s = privacy.MaskText(s)
	if m == nil || len(m.names) == 0 {
		return s
	}
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		n := 0
		for l := min(m.maxLen, len(r)-i); l >= 2; l-- {
			if m.names[string(r[i:i+l])] {
				n = l
				break
			}
		}
		if n == 0 {
			b.WriteRune(r[i])
			i++
			continue
		}
		b.WriteString(privacy.MaskName(string(r[i : i+n])))
		i += n
	}
	return b.String()
}
