package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// A workbook stores a date as a day count (a serial) with a date number
// format. Both readers turn such cells into ISO text, whatever the format
// shows, and every other number into the digits Excel keeps (15
// significant digits), so the cell parsers see one spelling per value.

// numFmtKind says how a number with a given number format is rendered.
type numFmtKind int

const (
	fmtNumber   numFmtKind = iota // plain number, as stored
	fmtDate                       // date: 2006-01-02
	fmtDateTime                   // date and time: 2006-01-02 15:04
)

// isoDate and isoDateTime are the spellings of fmtDate and fmtDateTime, in
// Go's layout and in Excel's number format syntax.
const (
	isoDate         = "2006-01-02"
	isoDateTime     = "2006-01-02 15:04"
	isoDatePattern  = "[$-804]yyyy-mm-dd" // the locale tag spares excelize a slow locale search per cell
	maxExcelSerial  = 2958465.99999       // 9999-12-31 23:59:59
	maxExcelDigits  = 15
	maxExcelInteger = 1e15 // the first integer with more digits than Excel keeps
	builtInDateTime = 22   // m/d/yyyy h:mm
)

// builtInDates lists the built-in format ids that show a date (ECMA-376
// 18.8.30 and the CJK ids 27-36, 50-58, which show 年月日 in Chinese Excel).
// Time-only ids are absent: a time of day is rendered as a number.
var builtInDates = map[int]numFmtKind{
	14: fmtDate, 15: fmtDate, 16: fmtDate, 17: fmtDate, 22: fmtDateTime,
	27: fmtDate, 28: fmtDate, 29: fmtDate, 30: fmtDate, 31: fmtDate, 36: fmtDate,
	50: fmtDate, 51: fmtDate, 52: fmtDate, 53: fmtDate, 54: fmtDate, 57: fmtDate, 58: fmtDate,
}

// classifyNumFmt says whether number format id, whose format code is code
// (empty for a built-in format the file does not spell out), shows a date.
func classifyNumFmt(id int, code string) numFmtKind {
	if code == "" {
		return builtInDates[id]
	}
	return classifyCode(code)
}

// classifyCode reads the first section of a format code, skipping quoted
// text, escaped characters, padding and bracketed colours, conditions and
// locales: y or d (or m without h or s) show a date; h or s a time.
func classifyCode(code string) numFmtKind {
	if strings.EqualFold(code, "General") {
		return fmtNumber
	}
	var y, m, d, hs bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				j = len(code) - i
			}
			hs = hs || elapsed(code[i+1:i+j])
			i += j
		case 'y', 'Y':
			y = true
		case 'd', 'D':
			d = true
		case 'm', 'M':
			m = true
		case 'h', 'H', 's', 'S':
			hs = true
		}
	}
	switch {
	case (y || d || m && !hs) && hs:
		return fmtDateTime
	case y || d || m && !hs:
		return fmtDate
	}
	return fmtNumber
}

// elapsed reports whether a bracketed token is an elapsed-time unit such
// as [h] or [mm].
func elapsed(tok string) bool {
	return tok != "" && strings.Trim(strings.ToLower(tok), "hms") == ""
}

// renderNumber spells a number cell with a format of the given kind.
func renderNumber(v float64, kind numFmtKind, date1904 bool) string {
	if kind != fmtNumber && v >= 0 && v <= maxExcelSerial {
		t := serialTime(v, date1904)
		if kind == fmtDateTime {
			return t.Format(isoDateTime)
		}
		return t.Format(isoDate)
	}
	return excelNumber(v)
}

// serialTime converts a day count of the workbook's date system. In the
// 1900 system Excel counts 1900-01-01 as day 1 and wrongly has a
// 1900-02-29 (day 60), so days before it are one off.
func serialTime(v float64, date1904 bool) time.Time {
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 60:
		days++
	}
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
}

// excelNumber spells a number as Excel keeps it, to 15 significant
// digits: plain digits below 10^15 (a 10-digit school code stored as a
// number reads 2143052103), E notation from there on, as Excel writes such
// numbers into an .xlsx. An 18-digit identity number typed into a number
// cell has lost its last digits and reads 4.3052120160307E+17, which the
// identity number check reports as stored as a number.
func excelNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) >= maxExcelInteger || significantDigits(s) > maxExcelDigits {
		s = strconv.FormatFloat(v, 'G', maxExcelDigits, 64)
	}
	return s
}

// significantDigits counts the digits of a plain decimal between its first
// and last non-zero digit.
func significantDigits(s string) int {
	s = strings.Replace(strings.TrimLeft(s, "-"), ".", "", 1)
	return len(strings.Trim(s, "0"))
}
