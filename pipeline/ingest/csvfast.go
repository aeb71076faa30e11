package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// errNeedCSV says the next line holds a quote or does not fit in the
// buffer: encoding/csv reads the rest of the file.
var errNeedCSV = errors.New("line needs encoding/csv")

// lineSplitter reads the plain lines that make up nearly every export
// (no quote anywhere in the line) by splitting them on the delimiter,
// with the same records encoding/csv would return: a trailing CR is
// dropped, empty lines are skipped. The rows of a 1,000,000-row attendance
// file are short, so encoding/csv's per-field copying was a third of the
// reading. At the first line with a quote it stops, leaving that line
// unread, and csvRows hands the rest to encoding/csv.
type lineSplitter struct {
	br    *bufio.Reader
	comma byte
	lines int // lines consumed
	rec   []string
}

// next returns the next record and the line it is on (1-based), io.EOF
// after the last, or errNeedCSV with the line left unread.
func (s *lineSplitter) next() ([]string, int, error) {
	for {
		line, body, err := s.peekPlain()
		if err != nil {
			return nil, 0, err
		}
		s.consume(line)
		if len(body) == 0 {
			continue
		}
		return s.split(string(body)), s.lines, nil
	}
}

// peekPlain returns the next line and its text without the line break
// (one CR before the newline, or at the end of the text, goes), both
// valid until the line is consumed; errNeedCSV when the line holds a
// quote, and the errors of peekLine.
func (s *lineSplitter) peekPlain() (line, body []byte, err error) {
	if line, err = s.peekLine(); err != nil {
		return nil, nil, err
	}
	if bytes.IndexByte(line, '"') >= 0 {
		return nil, nil, errNeedCSV
	}
	return line, bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r")), nil
}

// consume moves past a line peekPlain returned.
func (s *lineSplitter) consume(line []byte) {
	s.br.Discard(len(line))
	s.lines++
}

// split cuts one line into its cells, all slices of the one string.
func (s *lineSplitter) split(text string) []string {
	s.rec = s.rec[:0]
	for {
		i := strings.IndexByte(text, s.comma)
		if i < 0 {
			return append(s.rec, text)
		}
		s.rec = append(s.rec, text[:i])
		text = text[i+1:]
	}
}

// peekLine returns the next line through its newline (the last line may
// have none) without consuming it; io.EOF at the end of the text,
// errNeedCSV when the line is longer than the buffer.
func (s *lineSplitter) peekLine() ([]byte, error) {
	buf, err := s.br.Peek(s.br.Buffered())
	for {
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			return buf[:i+1], nil
		}
		if err != nil && len(buf) > 0 && (err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == s.br.Size() {
			return nil, errNeedCSV
		}
		buf, err = s.br.Peek(s.br.Size())
		if err == bufio.ErrBufferFull {
			err = nil
		}
	}
}
