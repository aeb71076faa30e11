package query

import "strings"

// CSVSafe escapes text that Excel or WPS would run as a formula when a CSV
// is opened: a cell starting with =, +, -, @, a tab or a carriage return
// gets a leading single quote, as OWASP advises ("CSV Injection"), so
// =HYPERLINK(...) arrives as the text '=HYPERLINK(...). Only text is
// passed through it, never a number. export applies the same rule in SQL
// (CSVSafeSQL).
func CSVSafe(s string) string {
	if s != "" && strings.IndexByte(csvFormulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// csvFormulaStarts are the first characters that make a spreadsheet read
// a cell as a formula.
const csvFormulaStarts = "=+-@\t\r"

// CSVSafeSQL is CSVSafe as a DuckDB expression over the text expression x.
func CSVSafeSQL(x string) string {
	return "CASE WHEN regexp_matches(" + x + `, '^[=+\-@\t\r]') THEN '''' || ` + x + " ELSE " + x + " END"
}
