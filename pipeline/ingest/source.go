package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
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

// Open opens an input file by its extension. Unsupported formats and
// unreadable files are rejected.
func Open(path string) (Rows, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".txt":
		return openCSV(path)
	case ".xlsx", ".xlsm":
		return openXLSX(path)
	case ".xls":
		return openXLS(path)
	default:
		return nil, errFormat(ext)
	}
}

type csvRows struct {
	f        io.Closer
	r        *csv.Reader
	read     *countingReader
	size     int64 // bytes in the file; 0 when unknown
	row      int   // spreadsheet row of the last record
	nextLine int   // first line after the last record
}

func openCSV(path string) (*csvRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	counter := &countingReader{r: f}
	rows, err := newCSVRows(counter, f)
	if err != nil {
		f.Close()
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
func delimiter(br *bufio.Reader) rune {
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
	cr := csv.NewReader(br)
	cr.Comma = delimiter(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvRows{f: c, r: cr, nextLine: 1}, nil
}

func (c *csvRows) Sheet() string { return "" }

func (c *csvRows) Next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, decodeReject(err)
	}
	// encoding/csv skips empty lines; a spreadsheet counts them as rows.
	line, _ := c.r.FieldPos(0)
	c.row += 1 + max(0, line-c.nextLine)
	c.nextLine = line + 1
	for _, v := range rec {
		c.nextLine += strings.Count(v, "\n")
	}
	return rec, c.row, nil
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
