package demotown

import (
	"path/filepath"
	"strings"
)

// fileFormat is how a file is written.
type fileFormat uint8

// File formats. Legacy .xls is not written (see doc.go).
const (
	fmtCSV    fileFormat = iota // CSV in UTF-8 without a byte-order mark
	fmtCSVBOM                   // CSV in UTF-8 with a byte-order mark
	fmtGBK                      // CSV in GBK, a subset of GB18030
	fmtXLSX                     // Office Open XML workbook
	nFormats
)

// formatNames are the FileInfo.Format values.
var formatNames = [nFormats]string{"csv-utf8", "csv-utf8-bom", "csv-gb18030", "xlsx"}

// formatCycle is the rotation a kind's files go through: half UTF-8 CSV,
// a quarter .xlsx, a quarter GBK CSV. Three consecutive files of a kind
// always use at least two formats.
var formatCycle = [4]fileFormat{fmtCSV, fmtXLSX, fmtCSV, fmtGBK}

// formatFor picks the format of the n-th file of a kind (n counts the
// kind's files in a fixed order: year, term, school). Directories stay
// CSV; in a large town the town-wide rosters stay UTF-8 CSV for speed and
// the household and migration extracts (over a million rows at the top
// size, beyond a worksheet's 1,048,576) are never .xlsx.
func (g *gen) formatFor(kind string, n int, st *style) fileFormat {
	f := formatCycle[(n+int(hash3(g.seed, hashString(kind), 43)%4))%4]
	switch {
	case kind == "village" || kind == "school":
		f = fmtCSV
	case g.large && (kind == "roster" || kind == "attendance"):
		f = fmtCSV
	case g.large && f == fmtXLSX && (kind == "household" || kind == "migration"):
		f = fmtCSV
	}
	if f == fmtCSV && st.bom {
		f = fmtCSVBOM
	}
	return f
}

// withExt gives a file name the extension of its format.
func withExt(name string, f fileFormat) string {
	if f != fmtXLSX {
		return name
	}
	return strings.TrimSuffix(name, filepath.Ext(name)) + ".xlsx"
}

// cellKind says how a column's cells are typed in a workbook.
type cellKind uint8

// Cell kinds.
const (
	cellAuto cellKind = iota // small integers may be number cells, the rest text
	cellText                 // always text (identity numbers, codes, phones)
	cellDate                 // a real date cell in files that write them
)

// columnKinds types the columns of a layout.
func columnKinds(sc *schema, l *layout) []cellKind {
	kinds := make([]cellKind, len(l.cols))
	for i, c := range l.cols {
		if c < 0 {
			continue
		}
		key := sc.fields[c].key
		switch {
		case strings.HasSuffix(key, "_date"):
			kinds[i] = cellDate
		case key == "id_number" || key == "student_no" || key == "household_no" ||
			strings.HasSuffix(key, "_code") || strings.Contains(key, "phone"):
			kinds[i] = cellText
		}
	}
	return kinds
}

// smallInt reports whether s is 0 or a 1-4 digit number without a
// leading zero, which a typed export stores as a number.
func smallInt(s string) bool {
	if s == "" || len(s) > 4 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDateText reads a date in any of the styles formatDate writes and
// reports whether it is a real calendar date.
func parseDateText(s string) (date, bool) {
	var n [3]int
	k, digits := 0, 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n[k] = n[k]*10 + int(c-'0')
			digits++
			if k == 0 && digits == 8 && len(s) == 8 { // 20190831
				n = [3]int{n[0] / 10000, n[0] / 100 % 100, n[0] % 100}
				k = 2
			}
			i++
		case k < 2 && (c == '-' || c == '/'):
			k++
			i++
		case k < 2 && (strings.HasPrefix(s[i:], "年") || strings.HasPrefix(s[i:], "月")):
			k++
			i += len("年")
		case k == 2 && s[i:] == "日":
			i = len(s)
		default:
			return date{}, false
		}
	}
	d := date{n[0], n[1], n[2]}
	if k != 2 || d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 || fromTime(d.toTime()) != d {
		return date{}, false
	}
	return d, true
}
