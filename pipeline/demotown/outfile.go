package demotown

import (
	"path/filepath"
	"strconv"
)

// outFile is one file being written: its layout, style and row count.
type outFile struct {
	name, kind string
	sc         *schema
	lay        layout
	st         style
	w          rowWriter
	rows       int
	salt       uint64   // per-file hash for row-level variation
	vals       []string // canonical values of the row being built
	cells      []string // the row in file order
}

// rowExtra carries the values of the extra columns of a row.
type rowExtra struct{ note, addr string }

// openFile creates a file of a kind with its own style and layout and
// writes its header.
func (g *gen) openFile(dir, name string, sc *schema) (*outFile, error) {
	h := hashString(name)
	r := newRng(g.seed, h, 41)
	st := newStyle(&r)
	f := &outFile{name: name, kind: sc.kind, sc: sc, st: st, salt: hash3(g.seed, h, 42)}
	f.lay = makeLayout(sc, &f.st, &r)
	f.vals = make([]string, len(sc.fields))
	f.cells = make([]string, len(f.lay.cols))
	w, err := newCSVWriter(filepath.Join(dir, name), st.bom, st.crlf)
	if err != nil {
		return nil, err
	}
	f.w = w
	if err := w.WriteHeader(f.lay.headers); err != nil {
		w.Close()
		return nil, err
	}
	return f, nil
}

// rowHash is the per-row hash used for row-level value variants.
func (f *outFile) rowHash(idx, k int) uint64 {
	return hash3(f.salt, uint64(idx), uint64(k))
}

// rowNum is the spreadsheet row number the next row will get.
func (f *outFile) rowNum() int { return f.rows + 2 }

// header returns a field's header as written, "" if the file lacks it.
func (f *outFile) header(field int) string {
	if p := f.lay.colOf[field]; p >= 0 {
		return f.lay.headers[p]
	}
	return ""
}

// has reports whether the file carries a field.
func (f *outFile) has(field int) bool { return f.lay.colOf[field] >= 0 }

// reset clears the canonical values before a row is built.
func (f *outFile) reset() []string {
	clear(f.vals)
	return f.vals
}

// write writes f.vals (plus extras) in the file's column order.
func (f *outFile) write(x rowExtra) error {
	for i, c := range f.lay.cols {
		switch c {
		case extraSeq:
			f.cells[i] = strconv.Itoa(f.rows + 1)
		case extraNote:
			f.cells[i] = x.note
		case extraAddr:
			f.cells[i] = x.addr
		default:
			f.cells[i] = f.vals[c]
		}
	}
	f.rows++
	return f.w.WriteRow(f.cells)
}

// info describes the finished file.
func (f *outFile) info() FileInfo { return FileInfo{Name: f.name, Kind: f.kind, Rows: f.rows} }
