package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"dropwatch/pipeline/cells"
)

// Rows reads the rows of one sheet of an input file, header included.
type Rows interface {
	// Sheet names the sheet being read; empty for CSV.
	Sheet() string
	// Next returns the next row's cells and its row number as a spreadsheet
	// shows it (the first line is row 1), or io.EOF after the last row.
	// The slice may be reused by the next call.
	Next() ([]string, int, error)
	// Close releases the file.
	Close() error
}

// Open opens an input file by its extension. Unsupported formats,
// unreadable files and anything that is not a regular file (a pipe, a
// device, a link) are rejected.
func Open(path string) (Rows, error) {
	f, _, err := openInput(path)
	if err != nil {
		return nil, err
	}
	r, err := readFile(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &ownedRows{Rows: r, f: f}, nil
}

// readFile reads the open input file f, named path, by its extension. The
// caller keeps f: Rows.Close does not close it. Every read goes through
// f's ReadAt, so the bytes read are those of the file the caller opened
// and checked, whatever happens to the path meanwhile.
func readFile(f *os.File, path string) (Rows, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".txt":
		return openCSV(f)
	case ".xlsx", ".xlsm":
		return openXLSX(f)
	case ".xls":
		return openXLS(f)
	default:
		return nil, errFormat(ext)
	}
}

// ownedRows closes the file under the rows too.
type ownedRows struct {
	Rows
	f *os.File
}

func (o *ownedRows) Close() error { return errors.Join(o.Rows.Close(), o.f.Close()) }

// Fraction is the inner reader's, or -1 when it cannot tell.
func (o *ownedRows) Fraction() float64 {
	if fr, ok := o.Rows.(fractioner); ok {
		return fr.Fraction()
	}
	return -1
}

// fileReader reads f from its start through ReadAt, leaving f's offset.
func fileReader(f *os.File) *io.SectionReader { return io.NewSectionReader(f, 0, math.MaxInt64) }

type csvRows struct {
	f        io.Closer
	br       *bufio.Reader
	comma    byte
	fast     lineSplitter
	r        *csv.Reader // nil until a line needs encoding/csv (csvfast.go)
	lineBase int         // lines read before r took over
	read     *countingReader
	size     int64 // bytes in the file; 0 when unknown
	row      int   // spreadsheet row of the last record
	nextLine int   // first line after the last record
}

func openCSV(f *os.File) (*csvRows, error) {
	counter := &countingReader{r: fileReader(f)}
	rows, err := newCSVRows(counter, nopCloser{})
	if err != nil {
		return nil, err
	}
	rows.read = counter
	if st, err := f.Stat(); err == nil {
		rows.size = st.Size()
	}
	return rows, nil
}

// delimiter picks the separator from the first line: Excel's
// "文本文件(制表符分隔)" export separates cells with tabs.
func delimiter(br *bufio.Reader) byte {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if bytes.Count(head, []byte("\t")) > bytes.Count(head, []byte(",")) {
		return '\t'
	}
	return ','
}

// newCSVRows reads CSV text in any accepted encoding from r; c is closed
// by Close.
func newCSVRows(r io.Reader, c io.Closer) (*csvRows, error) {
	dec, _, err := cells.NewDecoder(r)
	if err != nil {
		return nil, decodeReject(err)
	}
	br := bufio.NewReaderSize(dec, 64<<10)
	if crOnly(br) {
		br = bufio.NewReaderSize(crToLF{br}, 64<<10)
	}
	comma := delimiter(br)
	return &csvRows{f: c, br: br, comma: comma, fast: lineSplitter{br: br, comma: comma}, nextLine: 1}, nil
}

// stdCSV is the encoding/csv reader for what the fast path leaves: it
// accepts stray quotes and rows of any length, and reuses its record.
func stdCSV(br *bufio.Reader, comma byte) *csv.Reader {
	cr := csv.NewReader(br)
	cr.Comma = rune(comma)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return cr
}

// crOnly reports whether the text ends its lines with a bare CR (old Mac
// files, some exports): its first 64 KiB hold a CR and no LF.
func crOnly(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	return bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
}

// crToLF turns every CR into LF, so a file with bare-CR line endings reads
// line by line instead of as one long header row.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

func (c *csvRows) Sheet() string { return "" }

func (c *csvRows) Next() ([]string, int, error) {
	if c.r == nil {
		rec, line, err := c.fast.next()
		if err == errNeedCSV {
			c.r, c.lineBase = stdCSV(c.br, c.comma), c.fast.lines
		} else if err != nil {
			return nil, 0, c.readErr(err)
		} else {
			return rec, c.advance(line, 0), nil
		}
	}
	rec, err := c.r.Read()
	if err != nil {
		return nil, 0, c.readErr(err)
	}
	line, _ := c.r.FieldPos(0)
	breaks := 0 // line breaks inside quoted cells
	for _, v := range rec {
		breaks += strings.Count(v, "\n")
	}
	return rec, c.advance(c.lineBase+line, breaks), nil
}

// advance moves past a record that starts on the given line and spans
// breaks more, and returns its spreadsheet row. Empty lines are skipped
// as records but a spreadsheet counts them as rows.
func (c *csvRows) advance(line, breaks int) int {
	c.row += 1 + max(0, line-c.nextLine)
	c.nextLine = line + 1 + breaks
	return c.row
}

func (c *csvRows) readErr(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pe.StartLine += c.lineBase
		pe.Line += c.lineBase
	}
	return decodeReject(err)
}

func (c *csvRows) Close() error { return c.f.Close() }

// Fraction is the share of the file read so far, or -1 when unknown.
func (c *csvRows) Fraction() float64 {
	if c.read == nil || c.size <= 0 {
		return -1
	}
	return min(1, float64(c.read.n)/float64(c.size))
}

func decodeReject(err error) error {
	var ce *cells.Error
	if errors.As(err, &ce) {
		return reject("%s", ce.Reason)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return reject("CSV 格式错误（第%d行）：%v；请用 Excel 打开后另存为「CSV UTF-8」再放入", pe.StartLine, pe.Err)
	}
	return errRead(err)
}
