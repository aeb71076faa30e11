package demotown

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// rowWriter writes one tabular file: CSV in UTF-8 or GBK, or an .xlsx
// workbook. Legacy .xls is not written (no sound Go writer exists).
type rowWriter interface {
	// WriteHeader writes the header row; it must come first.
	WriteHeader(cells []string) error
	// WriteRow writes one data row.
	WriteRow(cells []string) error
	// NumberNext makes cell col of the next row a number cell (a value
	// Excel turned into a number); formats without cell types ignore it.
	NumberNext(col int)
	// Shown is how value v of column col reads once written (a workbook
	// shows a date cell in its number format).
	Shown(col int, v string) string
	// Close flushes and closes the file.
	Close() error
}

// csvWriter writes RFC 4180 CSV in UTF-8 (with or without a BOM) or in
// GBK, with CRLF or LF line ends, through a buffer. A field is quoted when
// it holds a comma, a quote or a line break, or starts with white space
// (ASCII or the ideographic space), as encoding/csv does; quotes are
// doubled. A GBK file refuses any character outside GBK.
type csvWriter struct {
	f       *os.File
	buf     *bufio.Writer
	crlf    bool
	enc     transform.Transformer // nil for UTF-8
	line    []byte
	encoded []byte
}

// newCSVWriter creates path and returns a CSV rowWriter in the format's
// encoding.
func newCSVWriter(path string, format fileFormat, crlf bool) (rowWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &csvWriter{f: f, buf: bufio.NewWriterSize(f, 32<<10), crlf: crlf}
	switch format {
	case fmtCSVBOM:
		w.buf.WriteString("\uFEFF")
	case fmtGBK:
		w.enc = simplifiedchinese.GBK.NewEncoder()
	}
	return w, nil
}

// WriteHeader writes the header row.
func (c *csvWriter) WriteHeader(cells []string) error { return c.WriteRow(cells) }

// WriteRow writes one record; write errors stick in the buffer and are
// returned by this or a later call and by Close.
func (c *csvWriter) WriteRow(cells []string) error {
	b := c.line[:0]
	for i, s := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		if !needsQuotes(s) {
			b = append(b, s...)
			continue
		}
		b = append(b, '"')
		b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
		b = append(b, '"')
	}
	if c.crlf {
		b = append(b, '\r')
	}
	c.line = append(b, '\n')
	if c.enc == nil {
		_, err := c.buf.Write(c.line)
		return err
	}
	out, _, err := transform.Append(c.enc, c.encoded[:0], c.line)
	if err != nil {
		return fmt.Errorf("demotown: row %q cannot be written in GBK: %w", c.line, err)
	}
	c.encoded = out
	_, err = c.buf.Write(out)
	return err
}

// NumberNext does nothing: CSV cells have no type.
func (c *csvWriter) NumberNext(int) {}

// Shown returns v: a CSV cell reads as written.
func (c *csvWriter) Shown(_ int, v string) string { return v }

// needsQuotes reports whether a field must be quoted.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return s[0] == ' ' || s[0] == '\t' || strings.HasPrefix(s, "\u3000")
}

// Close flushes the buffer and closes the file.
func (c *csvWriter) Close() error {
	err := c.buf.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	return err
}
