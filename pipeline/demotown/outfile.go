package demotown

import (
	"path/filepath"
	"strconv"
	"time"
)

// outFile is one file being written: its layout, style, format and row
// count.
type outFile struct {
	name, kind string
	sheet      string // data sheet of a workbook, "" for CSV
	format     fileFormat
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

// openFile creates the n-th file of a kind (name as if CSV) with its own
// style, layout and format, and writes its header.
func (g *gen) openFile(dir, name string, sc *schema, n int) (*outFile, error) {
	h := hashString(name)
	r := newRng(g.seed, h, 41)
	st := newStyle(&r)
	format := g.formatFor(sc.kind, n, &st)
	f := &outFile{name: withExt(name, format), kind: sc.kind, format: format, sc: sc, st: st,
		salt: hash3(g.seed, h, 42)}
	f.lay = makeLayout(sc, &f.st, &r)
	f.vals = make([]string, len(sc.fields))
	f.cells = make([]string, len(f.lay.cols))
	w, err := g.newWriter(dir, f, h)
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

// newWriter creates the file's rowWriter. Workbooks take turns through
// the sheet, notes and typing choices so that each occurs in any run
// with a few workbooks.
func (g *gen) newWriter(dir string, f *outFile, h uint64) (rowWriter, error) {
	path := filepath.Join(dir, f.name)
	if f.format != fmtXLSX {
		return newCSVWriter(path, f.format, f.st.crlf)
	}
	k := g.workbooks
	g.workbooks++
	opt := xlsxOpts{sheet: "Sheet1", notes: k%3 != 2, typed: k/2%2 == 0, dateStyle: k / 4 % dateStyles,
		title: kindTitles[f.kind], stamp: g.exportTime(h)}
	if k%2 == 0 {
		opt.sheet = opt.title
	}
	f.sheet = opt.sheet
	return newXLSXWriter(path, columnKinds(f.sc, &f.lay), opt)
}

// exportTime is a workbook's fixed creation time: a working day morning
// in the July after the last school year, drawn from the options and the
// file name, so that identical options give identical bytes.
func (g *gen) exportTime(h uint64) time.Time {
	r := newRng(g.seed, h, 44)
	return time.Date(g.last+1, 7, 1+r.intn(28), 8+r.intn(9), r.intn(60), r.intn(60), 0, time.UTC)
}

// kindTitles are the kinds' Chinese titles (inputs.md).
var kindTitles = map[string]string{"village": "村居名录", "school": "学校名录", "roster": "学籍名册",
	"household": "户籍人口", "migration": "流动人口子女", "dropout": "辍学登记", "disability": "残疾儿童少年",
	"graduate": "初中毕业生去向", "handoff": "小升初交接", "attendance": "月考勤"}

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

// shown is how field's value in the current row reads once written.
func (f *outFile) shown(field int) string {
	if p := f.lay.colOf[field]; p >= 0 {
		return f.w.Shown(p, f.vals[field])
	}
	return f.vals[field]
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
func (f *outFile) info() FileInfo {
	return FileInfo{Name: f.name, Kind: f.kind, Rows: f.rows, Format: formatNames[f.format]}
}
