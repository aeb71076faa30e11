package cells

import (
	"strings"
	"time"
)

// ID is a valid resident identity number (居民身份证号, GB 11643-1999).
type ID struct {
	// Number is the canonical 18-character form: 17 digits and the check
	// character, X upper-cased, a legacy 15-digit number upgraded.
	Number string
	// Birth is the birth date inside the number, UTC midnight.
	Birth time.Time
	// Male is true when the sequence code (17th digit) is odd.
	Male bool
	// Upgraded is true when the cell held a legacy 15-digit number.
	Upgraded bool
}

// maxIDChars bounds the characters kept while compacting an identity
// number; anything longer has the wrong length anyway.
const maxIDChars = 32

// ParseIDNumber validates a resident identity number and returns its
// canonical form, as described in the package's data contract:
//
//   - 18 characters: 17 digits and the MOD 11-2 check character (x or X);
//     or a legacy 15-digit number, upgraded by inserting "19" before the
//     two-digit year and appending the check character (Upgraded is set);
//   - full-width digits are folded; spaces anywhere are ignored; a leading
//     apostrophe and an ="…" wrapper (tricks to keep Excel from turning
//     the number into a float) are removed;
//   - the first two digits must be a province-level code (11-15, 21-23,
//     31-37, 41-46, 50-54, 61-65, 71, 81, 82, 83);
//   - the birth date must exist, be in 1900 or later and not after the
//     calendar date of today (in today's own location; pass the load time).
//
// A cell in scientific notation or with a trailing ".0" was stored by
// Excel as a number, which keeps only 15 significant digits: it gets its
// own reason telling the clerk to re-export the column as text. So does an 18-digit number
// ending in 000 that fails the checksum (the other way Excel shows a long
// number), phrased as a likelihood. Other failures say the length, the
// characters, the province code, the birth date or the check character
// (naming the expected one) is wrong, checked in that order.
//
// The happy path (a canonical number) does not allocate.
func ParseIDNumber(s string, today time.Time) (ID, error) {
	t := unwrapID(trim(s))
	if t == "" {
		return ID{}, fail(reasonEmpty)
	}
	var buf [maxIDChars]byte
	n, ascii := compactID(t, &buf)
	if !ascii {
		return ID{}, fail(reasonIDChars)
	}
	if n > maxIDChars {
		return ID{}, fail(reasonIDLength(n))
	}
	b := buf[:n]
	if err := checkIDChars(b); err != nil {
		return ID{}, err
	}
	if n != 18 && n != 15 {
		return ID{}, fail(reasonIDLength(n))
	}
	if n == 15 && b[14] == 'X' {
		return ID{}, fail(reasonIDChars)
	}
	if !validProvince(digits2(b)) {
		return ID{}, fail(reasonIDProvince)
	}
	birth, err := idBirth(b, today)
	if err != nil {
		return ID{}, err
	}
	if n == 15 {
		return upgradeID(b, birth), nil
	}
	if want := checkChar(b); b[17] != want {
		if string(b[15:]) == "000" {
			return ID{}, fail(reasonIDTail000)
		}
		return ID{}, fail(reasonIDCheck(want))
	}
	id := ID{Number: t, Birth: birth, Male: (b[16]-'0')%2 == 1}
	if string(b) != t {
		id.Number = string(b)
	}
	return id, nil
}

// unwrapID removes a leading apostrophe or an ="…" formula wrapper.
func unwrapID(t string) string {
	if strings.HasPrefix(t, `="`) && strings.HasSuffix(t, `"`) && len(t) >= 3 {
		return trim(t[2 : len(t)-1])
	}
	return trim(strings.TrimPrefix(t, "'"))
}

// compactID copies t into buf with spaces removed, full-width ASCII folded
// and x upper-cased. It returns the number of characters (which may exceed
// len(buf)) and false if t holds a non-ASCII character that does not fold.
func compactID(t string, buf *[maxIDChars]byte) (int, bool) {
	n := 0
	for _, r := range t {
		if r >= '0' && r <= '9' { // the common case: nothing to fold or drop
			if n < len(buf) {
				buf[n] = byte(r)
			}
			n++
			continue
		}
		r = foldRune(r)
		if isPad(r) {
			continue
		}
		if r >= 0x80 {
			return n, false
		}
		if r == 'x' {
			r = 'X'
		}
		if n < len(buf) {
			buf[n] = byte(r)
		}
		n++
	}
	return n, true
}

// checkIDChars accepts digits and a final X only; a number in Excel's
// float rendering gets the "stored as number" reason.
func checkIDChars(b []byte) error {
	for i, c := range b {
		if c >= '0' && c <= '9' || c == 'X' && i == len(b)-1 {
			continue
		}
		if looksExcelNumber(string(b)) {
			return fail(reasonIDExcel)
		}
		return fail(reasonIDChars)
	}
	return nil
}

// validProvince reports whether p is a province-level division code.
func validProvince(p int) bool {
	switch {
	case p >= 11 && p <= 15, p >= 21 && p <= 23, p >= 31 && p <= 37,
		p >= 41 && p <= 46, p >= 50 && p <= 54, p >= 61 && p <= 65:
		return true
	}
	return p == 71 || p == 81 || p == 82 || p == 83
}

// idBirth reads and checks the birth date of an 18- or 15-digit number.
func idBirth(b []byte, today time.Time) (time.Time, error) {
	var y int
	rest := b[10:]
	if len(b) == 15 {
		y, rest = 1900+digits2(b[6:]), b[8:]
	} else {
		y = digits2(b[6:])*100 + digits2(b[8:])
	}
	m, d := digits2(rest), digits2(rest[2:])
	if y < minYear {
		return time.Time{}, fail(reasonIDBefore)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, fail(reasonIDBirth)
	}
	ty, tm, td := today.Date()
	if y > ty || y == ty && (m > int(tm) || m == int(tm) && d > td) {
		return time.Time{}, fail(reasonIDFuture)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// digits2 returns the value of the two ASCII digits at the start of b.
func digits2(b []byte) int { return int(b[0]-'0')*10 + int(b[1]-'0') }

// idWeights are the MOD 11-2 weights of the first 17 digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChar computes the check character of the first 17 digits of b.
func checkChar(b []byte) byte {
	sum := 0
	for i, w := range idWeights {
		sum += int(b[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// upgradeID turns a valid legacy 15-digit number into the 18-digit form.
func upgradeID(b []byte, birth time.Time) ID {
	var full [18]byte
	copy(full[:6], b[:6])
	full[6], full[7] = '1', '9'
	copy(full[8:17], b[6:15])
	full[17] = checkChar(full[:])
	return ID{Number: string(full[:]), Birth: birth, Male: (b[14]-'0')%2 == 1, Upgraded: true}
}

// CheckIDBirth compares the birth date inside a parsed identity number
// with the 出生日期 cell of the same row (both compared as calendar dates)
// and returns an error naming the date inside the number when they differ.
func CheckIDBirth(id ID, birth time.Time) error {
	iy, im, iday := id.Birth.Date()
	by, bm, bd := birth.Date()
	if iy == by && im == bm && iday == bd {
		return nil
	}
	return fail(reasonIDBirthMismatch(id.Birth.Format("2006-01-02")))
}
