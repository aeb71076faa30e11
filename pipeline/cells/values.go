package cells

import (
	"strconv"
	"strings"
)

// ParseGender parses a 性别 cell: 1, 男, 男性, 男生 give "男"; 2, 女, 女性,
// 女生 give "女" (codes of GB/T 2261.1; "1.0" is accepted too).
func ParseGender(s string) (string, error) {
	if s == "男" || s == "女" {
		return s, nil
	}
	return parseGender(s)
}

// parseGender is ParseGender without its fast path.
func parseGender(s string) (string, error) {
	t := stripDotZero(clean(s))
	switch t {
	case "":
		return "", fail(reasonEmpty)
	case "1", "男", "男性", "男生":
		return "男", nil
	case "2", "女", "女性", "女生":
		return "女", nil
	}
	return "", fail(reasonGender)
}

// ParseBool parses a yes/no cell.
//
// True: 是, 有, 1, Y, YES, TRUE, √ (✓ and ✔ too); false: 否, 无, 没有, 0, N,
// NO, FALSE, ×, ✗. Letters in any case; "1.0" and "0.0" are accepted.
// 有/无 are accepted because columns such as 附设学前班 or 就读证明 are often
// answered that way; a check mark is how paper forms are ticked.
func ParseBool(s string) (bool, error) {
	t := strings.ToUpper(stripDotZero(clean(s)))
	switch t {
	case "":
		return false, fail(reasonEmpty)
	case "是", "有", "1", "Y", "YES", "TRUE", "√", "✓", "✔":
		return true, nil
	case "否", "无", "没有", "0", "N", "NO", "FALSE", "×", "✗":
		return false, nil
	}
	return false, fail(reasonBool)
}

// ParseLeftBehind parses 是否留守儿童: 0, 非留守, 否, 不是 give 0; 1, 单亲留守,
// 单亲 give 1; 2, 双亲留守, 双亲 give 2 ("1.0" is accepted too). A bare
// 是 or 留守 is rejected with its own reason, since it does not say which
// kind of left-behind child it is.
func ParseLeftBehind(s string) (int, error) {
	t := stripDotZero(removeSpaces(clean(s)))
	switch t {
	case "":
		return 0, fail(reasonEmpty)
	case "0", "非留守", "非留守儿童", "否", "不是":
		return 0, nil
	case "1", "单亲留守", "单亲留守儿童", "单亲":
		return 1, nil
	case "2", "双亲留守", "双亲留守儿童", "双亲":
		return 2, nil
	case "是", "留守", "留守儿童", "Y":
		return 0, fail(reasonLeftBehindYN)
	}
	return 0, fail(reasonLeftBehind)
}

// ParseEnum returns the trimmed cell when it equals one of allowed
// exactly; otherwise the error lists the allowed values.
func ParseEnum(s string, allowed []string) (string, error) {
	t := trim(s)
	if t == "" {
		return "", fail(reasonEmpty)
	}
	for _, a := range allowed {
		if t == a {
			return a, nil
		}
	}
	return "", fail(reasonNotAllowed(allowed))
}

// ParseInt parses an integer between min and max inclusive. It accepts an
// optional sign, full-width digits, inner spaces and a trailing ".0" (a
// numeric Excel cell); "3.5" is not an integer.
func ParseInt(s string, min, max int) (int, error) {
	if n, ok := fastInt(s); ok && n >= min && n <= max {
		return n, nil
	}
	return parseInt(s, min, max)
}

// parseInt is ParseInt without its fast path.
func parseInt(s string, min, max int) (int, error) {
	t := removeSpaces(clean(s))
	if t == "" {
		return 0, fail(reasonEmpty)
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg, t = t[0] == '-', t[1:]
	}
	t = stripDotZero(t)
	if !allDigits(t) {
		return 0, fail(reasonNotInteger)
	}
	n, err := strconv.Atoi(t)
	if neg {
		n = -n
	}
	if err != nil || n < min || n > max {
		return 0, fail(reasonIntRange(min, max))
	}
	return n, nil
}

// ParseCode checks a code of exactly digits ASCII digits (10 for 学校标识码,
// 12 for 村代码) and returns it. Full-width digits are folded. A cell that
// Excel turned into a number (2.14305E+09, 2143052103.0) gets the "stored
// as number" reason even when no digit was lost, because the column must
// be re-exported as text.
func ParseCode(s string, digits int) (string, error) {
	if fastCode(s, digits) {
		return s, nil
	}
	return parseCode(s, digits)
}

// parseCode is ParseCode without its fast path.
func parseCode(s string, digits int) (string, error) {
	t := clean(s)
	if t == "" {
		return "", fail(reasonEmpty)
	}
	if looksExcelNumber(t) {
		return "", fail(reasonExcelNumber)
	}
	if !allDigits(t) {
		return "", fail(reasonCodeChars)
	}
	if len(t) != digits {
		return "", fail(reasonCodeLength(digits, len(t)))
	}
	return t, nil
}

// looksExcelNumber reports whether s is a number in scientific notation
// (4.30521201508E+17, 2.14305e9) or digits with a trailing ".0", which is
// how Excel and spreadsheet libraries render a long number stored as a
// numeric cell.
func looksExcelNumber(s string) bool {
	if stripDotZero(s) != s {
		return true
	}
	mant, exp, found := strings.Cut(strings.ToUpper(s), "E")
	if !found {
		return false
	}
	exp = strings.TrimPrefix(exp, "+")
	whole, frac, _ := strings.Cut(mant, ".")
	return allDigits(whole) && (frac == "" || allDigits(frac)) && allDigits(exp)
}
