package demotown

import (
	"bufio"
	"os"
	"strings"
)

// rowWriter writes one tabular file. CSV is the only format so far;
// .xlsx, .xls and GBK CSV writers can be added behind the same interface.
type rowWriter interface {
	// WriteHeader writes the header row; it must come first.
	WriteHeader(cells []string) error
	// WriteRow writes one data row.
	WriteRow(cells []string) error
	// Close flushes and closes the file.
	Close() error
}

// csvWriter writes RFC 4180 CSV in UTF-8, with or without a BOM, with CRLF
// or LF line ends, through a buffer. A field is quoted when it holds a
// comma, a quote or a line break, or starts with white space (ASCII or
// the ideographic space), as encoding/csv does; quotes are doubled.
type csvWriter struct {
	f    *os.File
	buf  *bufio.Writer
	crlf bool
}

// newCSVWriter creates path and returns a CSV rowWriter.
func newCSVWriter(path string, bom, crlf bool) (rowWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &csvWriter{f: f, buf: bufio.NewWriterSize(f, 32<<10), crlf: crlf}
	if bom {
		w.buf.WriteString("\uFEFF")
	}
	return w, nil
}

// WriteHeader writes the header row.
func (c *csvWriter) WriteHeader(cells []string) error { return c.WriteRow(cells) }

// WriteRow writes one record; write errors stick in the buffer and are
// returned by this or a later call and by Close.
func (c *csvWriter) WriteRow(cells []string) error {
	for i, s := range cells {
		if i > 0 {
			c.buf.WriteByte(',')
		}
		if !needsQuotes(s) {
			c.buf.WriteString(s)
			continue
		}
		c.buf.WriteByte('"')
		c.buf.WriteString(strings.ReplaceAll(s, `"`, `""`))
		c.buf.WriteByte('"')
	}
	if c.crlf {
		c.buf.WriteByte('\r')
	}
	return c.buf.WriteByte('\n')
}

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
