package query

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/text/width"
)

// Text prints one value as the shell and CSV show it: dates as
// 2006-01-02, timestamps to the second, integers and decimals exactly,
// floats without exponent noise. NULL is the empty string; callers that
// must tell NULL apart check for nil first.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return fmt.Sprint(x)
	case float32:
		return formatFloat(float64(x))
	case float64:
		return formatFloat(x)
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		return x.String()
	case time.Time:
		return formatTime(x)
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func formatTime(t time.Time) string {
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format(time.DateOnly)
	case t.Nanosecond() == 0:
		return t.Format(time.DateTime)
	}
	return t.Format("2006-01-02 15:04:05.000000")
}

// DisplayWidth is how many terminal cells s takes: East Asian wide and
// full-width characters (汉字, full-width punctuation) take two, others
// one. Ambiguous characters count as one, as modern terminals draw them.
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			if r >= 0x20 {
				n++
			}
		}
	}
	return n
}

// pad fills s with spaces to w cells, on the left when right is true.
func pad(s string, w int, right bool) string {
	gap := w - DisplayWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// numeric reports whether a DuckDB type prints right-aligned.
func numeric(typ string) bool {
	switch {
	case strings.HasPrefix(typ, "DECIMAL"):
		return true
	}
	switch typ {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
		"UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE":
		return true
	}
	return false
}

// CSVSink writes a result as CSV with a header row; NULL is an empty cell.
type CSVSink struct {
	w   *csv.Writer
	rec []string
}

// NewCSVSink writes CSV to w.
func NewCSVSink(w io.Writer) *CSVSink { return &CSVSink{w: csv.NewWriter(w)} }

// Columns implements Sink.
func (s *CSVSink) Columns(cols []Column) error {
	s.rec = make([]string, len(cols))
	for i, c := range cols {
		s.rec[i] = c.Name
	}
	return s.w.Write(s.rec)
}

// Row implements Sink. Text that a spreadsheet would take for a formula
// is escaped (CSVSafe).
func (s *CSVSink) Row(vals []any) error {
	for i, v := range vals {
		s.rec[i] = Text(v)
		if _, ok := v.(string); ok {
			s.rec[i] = CSVSafe(s.rec[i])
		}
	}
	return s.w.Write(s.rec)
}

// Done implements Sink.
func (s *CSVSink) Done() error { s.w.Flush(); return s.w.Error() }

// JSONSink writes a result as JSON Lines: one object per row, keys in
// column order, NULL as null, numbers as numbers, dates as strings.
type JSONSink struct {
	w    io.Writer
	cols []Column
	buf  []byte
}

// NewJSONSink writes JSON Lines to w.
func NewJSONSink(w io.Writer) *JSONSink { return &JSONSink{w: w} }

// Columns implements Sink.
func (s *JSONSink) Columns(cols []Column) error { s.cols = cols; return nil }

// Row implements Sink.
func (s *JSONSink) Row(vals []any) error {
	s.buf = append(s.buf[:0], '{')
	for i, v := range vals {
		if i > 0 {
			s.buf = append(s.buf, ',')
		}
		k, _ := json.Marshal(s.cols[i].Name)
		s.buf = append(s.buf, k...)
		s.buf = append(s.buf, ':')
		s.buf = appendJSON(s.buf, v)
	}
	s.buf = append(s.buf, '}', '\n')
	_, err := s.w.Write(s.buf)
	return err
}

func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool, int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return append(b, Text(x)...)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return append(b, "null"...)
		}
		return append(b, Text(x)...)
	case float32, *big.Int, duckdb.Decimal:
		return append(b, Text(x)...)
	}
	s, _ := json.Marshal(Text(v))
	return append(b, s...)
}

// Done implements Sink.
func (s *JSONSink) Done() error { return nil }
