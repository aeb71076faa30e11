package demotown

// layout is the column order and header text of one file.
type layout struct {
	cols    []int    // field index, or an extra* code
	headers []string // as written
	colOf   []int    // field index -> column position, -1 when dropped
}

// makeLayout decides which columns a file carries, in what order, and how
// each header is written.
func makeLayout(sc *schema, s *style, r *rng) layout {
	var cols []int
	if r.chance(0.2) {
		cols = append(cols, extraSeq)
	}
	for i, f := range sc.fields {
		if f.keep || !r.chance(0.15) {
			cols = append(cols, i)
		}
	}
	if s.shuffle {
		for i := len(cols) - 1; i > 0; i-- {
			j := r.intn(i + 1)
			cols[i], cols[j] = cols[j], cols[i]
		}
	}
	if sc.kind == "roster" || sc.kind == "household" {
		if r.chance(0.1) {
			cols = append(cols, extraAddr)
		}
	}
	if r.chance(0.2) {
		cols = append(cols, extraNote)
	}
	l := layout{cols: cols, colOf: make([]int, len(sc.fields))}
	for i := range l.colOf {
		l.colOf[i] = -1
	}
	for pos, c := range cols {
		l.headers = append(l.headers, header(sc, c, s, r))
		if c >= 0 {
			l.colOf[c] = pos
		}
	}
	return l
}

// header writes one column's header with the file's decorations.
func header(sc *schema, c int, s *style, r *rng) string {
	if c < 0 {
		return extraHeaders[-c-1]
	}
	f := sc.fields[c]
	h := f.zh
	if s.english {
		h = f.key
	}
	if s.starReq && f.req {
		return h + "★"
	}
	switch k := r.intn(200); {
	case k < 4:
		return h + "★"
	case k < 7:
		return h + "*"
	case k < 9:
		return "\u3000" + h
	case k < 11:
		return h + "\u3000"
	case k < 13:
		return h + " "
	case k < 15:
		return f.key
	}
	return h
}
