package cells

import (
	"strconv"
	"strings"
)

// Limits of a plausible school year.
const (
	minSchoolYear = 2000
	maxSchoolYear = 2100
)

// ParseSchoolYear parses a 学年 cell and returns its starting year.
//
// Accepted: 2025-2026, 2025-26, 2025 (the starting year), 2025.0, each
// optionally followed by 学年 or 学年度; the separator may be -, –, —,
// －, ~, ～, 〜, / or 至; spaces are ignored. The second year must be the first plus one, and
// the first must lie in 2000..2100.
func ParseSchoolYear(s string) (int, error) {
	if y, ok := fastSchoolYear(s); ok {
		return y, nil
	}
	return parseSchoolYear(s)
}

// parseSchoolYear is ParseSchoolYear without its fast path.
func parseSchoolYear(s string) (int, error) {
	t := clean(s)
	if t == "" {
		return 0, fail(reasonEmpty)
	}
	t = removeSpaces(t)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "学年度"), "学年")
	t = stripDotZero(t)
	first, second, ok := splitSchoolYear(t)
	if !ok {
		return 0, fail(reasonSchoolYear)
	}
	y, _ := atoi(first)
	if second != "" {
		z, _ := atoi(second)
		if len(second) == 2 {
			z += y / 100 * 100
			if z < y {
				z += 100
			}
		}
		if z != y+1 {
			return 0, fail(reasonSchoolYearP1)
		}
	}
	if y < minSchoolYear || y > maxSchoolYear {
		return 0, fail(reasonSchoolYearRg)
	}
	return y, nil
}

// splitSchoolYear splits "2025-2026" into "2025" and "2026"; second is
// empty for a lone year.
func splitSchoolYear(t string) (first, second string, ok bool) {
	if len(t) < 4 || !allDigits(t[:4]) {
		return "", "", false
	}
	first, rest := t[:4], t[4:]
	if rest == "" {
		return first, "", true
	}
	for _, sep := range []string{"-", "–", "—", "~", "〜", "/", "至"} {
		if after, found := strings.CutPrefix(rest, sep); found {
			if (len(after) == 4 || len(after) == 2) && allDigits(after) {
				return first, after, true
			}
			return "", "", false
		}
	}
	return "", "", false
}

// termNames maps every accepted 学期 spelling to the term number.
var termNames = map[string]int{
	"1": 1, "01": 1, "一": 1, "第一": 1, "第一学期": 1, "第1学期": 1, "一学期": 1,
	"上": 1, "上学期": 1, "秋": 1, "秋季": 1, "秋季学期": 1, "秋学期": 1,
	"2": 2, "02": 2, "二": 2, "第二": 2, "第二学期": 2, "第2学期": 2, "二学期": 2,
	"下": 2, "下学期": 2, "春": 2, "春季": 2, "春季学期": 2, "春学期": 2,
}

// ParseTerm parses a 学期 cell: 1 for the autumn term (September-January),
// 2 for the spring term (February-July).
//
// Accepted for 1: 1, 01, 1.0, 一, 第一, 第一学期, 第1学期, 一学期, 上, 上学期,
// 秋, 秋季, 秋季学期, 秋学期; for 2 the same with 2, 二, 下 and 春.
// Inner spaces are ignored.
func ParseTerm(s string) (int, error) {
	if n, ok := fastTerm(s); ok {
		return n, nil
	}
	return parseTerm(s)
}

// parseTerm is ParseTerm without its fast path.
func parseTerm(s string) (int, error) {
	t := removeSpaces(clean(s))
	if t == "" {
		return 0, fail(reasonEmpty)
	}
	if n, ok := termNames[stripDotZero(t)]; ok {
		return n, nil
	}
	return 0, fail(reasonTerm)
}

// kinderGrades maps the kindergarten grade names to K1..K3. 学前班 (the
// pre-school class attached to a primary school) is the year before
// primary school, the age of 大班, so it counts as K3.
var kinderGrades = map[string]string{
	"小班": "K1", "中班": "K2", "大班": "K3", "学前班": "K3",
	"K1": "K1", "K2": "K2", "K3": "K3",
}

// ParseGrade parses a 年级 cell and returns "K1".."K3" or "1".."9".
//
// Accepted: 小班, 中班, 大班 (also prefixed 幼儿园), 学前班 (= K3), K1..K3;
// 1..9 (also 01, 1.0), 一年级..九年级, 1年级..9年级, 初一 初二 初三 and
// 初1..初3 (= 7..9); a 小学 prefix (小学三年级: grades 1..6 only) and a 初中
// prefix (初中一年级 = 7; 初中七年级 = 7 too). Inner spaces are ignored.
// Anything else (高一, 十年级, 托班) is an error listing the accepted values.
func ParseGrade(s string) (string, error) {
	if fastGrade(s) {
		return s, nil
	}
	return parseGrade(s)
}

// parseGrade is ParseGrade without its fast path.
func parseGrade(s string) (string, error) {
	t := strings.ToUpper(removeSpaces(clean(s)))
	if t == "" {
		return "", fail(reasonEmpty)
	}
	if k, ok := kinderGrades[strings.TrimPrefix(t, "幼儿园")]; ok {
		return k, nil
	}
	level := ""
	for _, p := range []string{"小学", "初中"} {
		if rest, found := strings.CutPrefix(t, p); found {
			level, t = p, rest
		}
	}
	n, ok := gradeNumber(stripDotZero(t))
	if !ok {
		return "", fail(reasonGrade)
	}
	switch {
	case level == "小学" && n > 6:
		return "", fail(reasonGradeLevel)
	case level == "初中" && n <= 3:
		n += 6
	case level == "初中" && n < 7:
		return "", fail(reasonGradeLevel)
	}
	return strconv.Itoa(n), nil
}

// gradeNumber reads 1..9 from "3", "03", "三年级", "3年级", "初二" or "初2".
func gradeNumber(t string) (int, bool) {
	if rest, found := strings.CutPrefix(t, "初"); found {
		n, ok := chineseNumber(rest)
		return n + 6, ok && n >= 1 && n <= 3
	}
	t = strings.TrimSuffix(t, "年级")
	n, ok := chineseNumber(t)
	return n, ok && n >= 1 && n <= 9
}

// ParseClass parses a 班级 cell. A class number written as 2, 02, 2.0,
// 2班, (2)班, （2）班, (2), 第2班, 二班 or 第二班 becomes "2"; a number must
// be at least 1. Any other text (七(2)班, 火箭班) is kept as given, trimmed,
// since it is still a usable class name within its grade.
func ParseClass(s string) (string, error) {
	orig := trim(s)
	if orig == "" {
		return "", fail(reasonEmpty)
	}
	t := removeSpaces(fold(orig))
	t = strings.TrimSuffix(strings.TrimPrefix(t, "第"), "班")
	if len(t) > 2 && t[0] == '(' && t[len(t)-1] == ')' {
		t = t[1 : len(t)-1]
	}
	n, ok := chineseNumber(stripDotZero(t))
	if !ok {
		return orig, nil
	}
	if n < 1 {
		return "", fail(reasonClassZero)
	}
	return strconv.Itoa(n), nil
}
