package demotown

import "strconv"

// Value choices a file makes (each a small enum, see the label tables).
const (
	chGender = iota
	chTerm
	chYear
	chGrade
	chYesNo
	chIDType
	chDate
	chYM
	chClass
	chLeft
	nChoice
)

// chSizes is the number of variants of each choice.
var chSizes = [nChoice]int{2, 4, 3, 3, 3, 2, dateStyles, 3, 2, 2}

// Label tables of the value variants the loader accepts.
var (
	genderLabels = [2][2]string{{"1", "2"}, {"男", "女"}}
	termLabels   = [4][2]string{{"1", "2"}, {"第一学期", "第二学期"}, {"秋季", "春季"}, {"上", "下"}}
	yesNoLabels  = [3][2]string{{"是", "否"}, {"1", "0"}, {"Y", "N"}}
	leftLabels   = [2][3]string{{"0", "1", "2"}, {"非留守", "单亲留守", "双亲留守"}}
	kgLabels     = [3]string{"小班", "中班", "大班"}
	hanGrades    = [10]string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}
	juniorShort  = [3]string{"初一", "初二", "初三"}
)

// style is how one file writes its header and values.
type style struct {
	bom, crlf bool
	mixed     bool // value variants change from row to row
	lowerX    bool // some identity numbers end in a lower-case x
	legacy    bool // some numbers of children born before 2000 in 15-digit form
	blankDef  bool // default values (在读, 居民身份证, 正常) sometimes left blank
	english   bool // headers are the English keys
	starReq   bool // required headers carry ★
	shuffle   bool // columns in a file-specific order
	ch        [nChoice]int
}

// newStyle draws a file's style from its own generator.
func newStyle(r *rng) style {
	s := style{
		bom: r.chance(0.3), crlf: r.chance(0.5), mixed: r.chance(0.12),
		lowerX: r.chance(0.2), blankDef: r.chance(0.15), english: r.chance(0.04),
		starReq: r.chance(0.12), shuffle: r.chance(0.25), legacy: r.chance(0.3),
	}
	for i := range s.ch {
		s.ch[i] = r.intn(chSizes[i])
	}
	return s
}

// pick returns the variant of choice which for a row (hashed as rh).
func (s *style) pick(which int, rh uint64) int {
	if !s.mixed {
		return s.ch[which]
	}
	return int(mix64(rh+uint64(which)*0x9e3779b97f4a7c15) % uint64(chSizes[which]))
}

// yesNo writes a yes/no value.
func (s *style) yesNo(b bool, rh uint64) string {
	if b {
		return yesNoLabels[s.pick(chYesNo, rh)][0]
	}
	return yesNoLabels[s.pick(chYesNo, rh)][1]
}

// gender writes 性别.
func (s *style) gender(male bool, rh uint64) string {
	if male {
		return genderLabels[s.pick(chGender, rh)][0]
	}
	return genderLabels[s.pick(chGender, rh)][1]
}

// date writes a date in the row's date style.
func (s *style) date(d date, rh uint64) string { return formatDate(d, s.pick(chDate, rh)) }

// schoolYear writes a school year as 2025-2026, 2025 or 2025-2026学年.
func (s *style) schoolYear(y int, rh uint64) string {
	k := s.pick(chYear, rh)
	if y >= yearLabelFrom && y < yearLabelFrom+len(yearLabels) {
		return yearLabels[y-yearLabelFrom][k]
	}
	return yearLabel(y, k)
}

// yearLabelFrom is the first year of the precomputed school-year labels.
const yearLabelFrom = 1999

// yearLabels caches the three school-year spellings of 1999..2100.
var yearLabels = func() (t [102][3]string) {
	for i := range t {
		for k := range t[i] {
			t[i][k] = yearLabel(yearLabelFrom+i, k)
		}
	}
	return t
}()

// yearLabel spells school year y in variant k.
func yearLabel(y, k int) string {
	switch k {
	case 1:
		return strconv.Itoa(y)
	case 2:
		return strconv.Itoa(y) + "-" + strconv.Itoa(y+1) + "学年"
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa(y+1)
}

// grade writes 年级: kindergarten labels always; school grades as 一年级/初二,
// as digits, or as 一年级..九年级.
func (s *style) grade(gr int8, rh uint64) string {
	if gr < 0 {
		return kgLabels[gr-gradeK1]
	}
	switch s.pick(chGrade, rh) {
	case 0:
		if gr >= 7 {
			return juniorShort[gr-7]
		}
		return hanGrades[gr]
	case 1:
		return strconv.Itoa(int(gr))
	}
	return hanGrades[gr]
}

// class writes 班级 as "2" or "2班".
func (s *style) class(n int8, rh uint64) string {
	if s.pick(chClass, rh) == 1 {
		return strconv.Itoa(int(n)) + "班"
	}
	return strconv.Itoa(int(n))
}

// idType writes 身份证件类型 as code or label; -1 is 居民身份证.
func (s *style) idType(t int, rh uint64) string {
	code := s.pick(chIDType, rh) == 0
	switch {
	case t < 0 && code:
		return "1"
	case t < 0:
		return residentDoc
	case code:
		return otherDocs[t].code
	}
	return otherDocs[t].label
}

// idNumber writes an identity number, sometimes with a lower-case x, and
// sometimes, for a child born in the 1900s, as the legacy 15-digit number
// (which upgrades back to the 18-digit one).
func (s *style) idNumber(id string, rh uint64) string {
	if s.legacy && len(id) == 18 && id[6:8] == "19" && rh%4 == 1 {
		return id[:6] + id[8:17]
	}
	if s.lowerX && rh%2 == 0 {
		return lowerX(id)
	}
	return id
}
