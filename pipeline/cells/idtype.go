package cells

import (
	"strings"
)

// idTypeNames lists the 身份证件类型 codes of the national student status
// system (全国中小学生学籍信息管理系统) with the names clerks write for them.
// The first name of each is the system's own.
var idTypeNames = []struct {
	code  string
	names []string
}{
	{"1", []string{"居民身份证", "身份证", "二代身份证", "居民二代身份证", "中华人民共和国居民身份证"}},
	{"6", []string{"香港特区护照/身份证明", "香港特区护照", "香港特区身份证明", "香港身份证", "香港特区护照/身份证"}},
	{"7", []string{"澳门特区护照/身份证明", "澳门特区护照", "澳门特区身份证明", "澳门身份证", "澳门特区护照/身份证"}},
	{"8", []string{"台湾居民来往大陆通行证", "台胞证", "台湾居民来往大陆通行证(台胞证)"}},
	{"9", []string{"境外永久居住证", "外国人永久居留身份证", "外国人永久居留证"}},
	{"A", []string{"护照", "外国护照"}},
	{"Z", []string{"其他", "其它"}},
}

// idTypeByName maps every accepted spelling (code or name) to its code.
var idTypeByName = func() map[string]string {
	m := make(map[string]string)
	for _, t := range idTypeNames {
		m[t.code] = t.code
		for _, n := range t.names {
			m[n] = t.code
		}
	}
	return m
}()

// ParseIDType parses a 身份证件类型 cell and returns its code.
//
// A blank cell means 居民身份证 and gives "1", as the data contract says.
// Accepted: the codes 1, 6, 7, 8, 9, A, Z (letters in either case, "1.0"
// too); the system's names 居民身份证, 香港特区护照/身份证明, 澳门特区护照/身份证明,
// 台湾居民来往大陆通行证, 境外永久居住证, 护照, 其他; common short names
// (身份证, 二代身份证, 香港身份证, 澳门身份证, 台胞证, 外国人永久居留身份证,
// 其它); and the template form code-name ("1-居民身份证", "A：护照") when the
// code and the name agree. Spaces and full-width forms are folded. The
// military documents 2-5 of GB/T 2261 are not used for children and are
// rejected.
func ParseIDType(s string) (string, error) {
	t := strings.ToUpper(stripDotZero(removeSpaces(clean(s))))
	if t == "" {
		return "1", nil
	}
	if code, ok := idTypeByName[t]; ok {
		return code, nil
	}
	code, name, ok := splitCodeName(t)
	if ok && idTypeByName[code] == code && idTypeByName[name] == code {
		return code, nil
	}
	return "", fail(reasonIDType)
}

// splitCodeName splits "1-居民身份证" (also with : 、 . as separator) into
// code and name.
func splitCodeName(t string) (code, name string, ok bool) {
	if len(t) < 3 {
		return "", "", false
	}
	for _, sep := range []string{"-", ":", ".", "、", "_"} {
		if rest, found := strings.CutPrefix(t[1:], sep); found {
			return t[:1], rest, true
		}
	}
	return "", "", false
}
