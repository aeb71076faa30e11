package demotown

import (
	"strconv"
	"strings"
)

// GB 11643-1999 MOD 11-2 weights for the first 17 digits and the check
// characters indexed by the weighted sum modulo 11.
var (
	idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	idChecks  = "10X98765432"
)

// idCheckChar computes the check character of the first 17 digits.
func idCheckChar(d17 []byte) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(d17[i]-'0') * idWeights[i]
	}
	return idChecks[sum%11]
}

// makeID builds an 18-character resident identity number: region, birth
// date, 3-digit sequence (odd for boys) and the check character.
func makeID(region string, b date, seq int) string {
	buf := make([]byte, 0, 18)
	buf = append(buf, region...)
	buf = strconv.AppendInt(buf, int64(b.y), 10)
	buf = append2(buf, b.m)
	buf = append2(buf, b.d)
	buf = append(buf, byte('0'+seq/100), byte('0'+seq/10%10), byte('0'+seq%10))
	buf = append(buf, idCheckChar(buf))
	return string(buf)
}

// wrongCheck returns id with a check character that is not the right one.
func wrongCheck(id string, r *rng) string {
	right := idCheckChar([]byte(id[:17]))
	for {
		c := idChecks[r.intn(len(idChecks))]
		if c != right && c != 'X' {
			return id[:17] + string(c)
		}
	}
}

// canBeFloat reports whether Excel would have read id as a number (it
// keeps a trailing X as text).
func canBeFloat(id string) bool {
	return len(id) == 18 && id[17] != 'X' && id[17] != 'x'
}

// excelFloat renders an all-digit identity number the way Excel shows a
// number stored in a General cell: 12 significant digits, E notation, no
// trailing zeros in the mantissa (4.30521201508E+17).
func excelFloat(id string) string {
	v, err := strconv.ParseFloat(id, 64)
	if err != nil {
		return id
	}
	s := strconv.FormatFloat(v, 'E', 11, 64)
	mant, exp, _ := strings.Cut(s, "E")
	mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	return mant + "E" + exp
}

// excelNumber renders an all-digit identity number the way Excel keeps it
// once typed into a General cell: 15 significant digits, the rest zeros
// (430521201508310114 becomes 430521201508310000).
func excelNumber(id string) string {
	v, err := strconv.ParseFloat(id, 64)
	if err != nil {
		return id
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'e', 14, 64), 64)
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// numberCellBreaks reports whether an identity number stored as a number
// cell is sure to fail validation without touching the birth date: its
// 15-digit form keeps the first 14 characters and fails MOD 11-2.
func numberCellBreaks(id string) bool {
	if !canBeFloat(id) {
		return false
	}
	n := excelNumber(id)
	return len(n) == 18 && n[:14] == id[:14] && idCheckChar([]byte(n[:17])) != n[17]
}

// lowerX writes a trailing X check character in lower case.
func lowerX(id string) string {
	if len(id) == 18 && id[17] == 'X' {
		return id[:17] + "x"
	}
	return id
}

// Other document types (身份证件类型) with code, label and number prefix.
var otherDocs = []struct{ code, label, prefix string }{
	{"6", "香港特区护照/身份证明", "H"},
	{"7", "澳门特区护照/身份证明", "M"},
	{"8", "台湾居民来往大陆通行证", ""},
	{"A", "护照", "E"},
}

// residentDoc is the label of 身份证件类型 1.
const residentDoc = "居民身份证"

// otherDocNumber builds a non-resident document number (H12345678 etc.),
// unique per child index.
func otherDocNumber(kind, idx int) string {
	n := 10000000 + (idx*7919)%90000000
	return otherDocs[kind].prefix + strconv.Itoa(n)
}

// Region codes of counties the inflow (流入) children come from.
var inflowRegions = []string{
	"430522", "430523", "431102", "431121", "450305", "520221", "360732", "441900",
}
