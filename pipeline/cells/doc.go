// Package cells parses and validates single cell values of the town
// education office's files, normalises header cells and detects the text
// encoding of CSV files. It is pure Go and knows nothing about databases,
// files, sheets or rows: callers add that context to the errors.
//
// Every parser takes the raw cell text. Surrounding white space is trimmed
// first: ASCII white space, the full-width space U+3000, the no-break space
// U+00A0, the zero-width space U+200B and a stray byte-order mark U+FEFF.
// Full-width digits and letters (U+FF01..U+FF5E) are folded to ASCII where
// a parser expects digits or codes.
//
// Every failure is an *Error whose Reason is one Chinese sentence telling
// the clerk what is wrong and how to fix the source file. A reason never
// repeats the offending value: the caller reports the value next to it.
// All reasons live in errors.go.
//
// The rules follow the data contract (inputs.md, "Values every kind
// accepts"). Where the contract is silent, the choices made here are
// written on the function concerned; the main ones are:
//   - Dates written as text must lie in 1900..2100; Excel date serials are
//     accepted only for 1950..2100 (serials 18264..73415), which rules out
//     small integers mistaken for dates. A fractional serial (a date-time)
//     keeps its date.
//   - An Excel number that lost digits is never repaired: identity numbers
//     and codes in scientific notation or with a trailing ".0" are rejected
//     with a reason asking to re-export the column as text.
//   - Small code-like values (gender, term, grade, yes/no, 留守, integers)
//     accept a trailing ".0", which is how a numeric cell may be rendered.
package cells
