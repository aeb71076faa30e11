package demotown

// brokenType is a kind of deliberately broken cell.
type brokenType int

// Broken cell types. Each row gets at most one.
const (
	brBadCheck      brokenType = iota // identity number with a wrong check character
	brFloat                           // identity number stored by Excel as a float
	brBirthMismatch                   // 出生日期 disagrees with the identity number
	brBadDate                         // impossible 出生日期 (2019-02-30)
	brBadGrade                        // 年级 十年级
	brNoName                          // empty 姓名
	brBadSchool                       // 学校标识码 not in 学校名录
	brCount
	brNone brokenType = -1
)

// brNames name the types in Facts ("broken_" + name).
var brNames = [brCount]string{"bad_check", "excel_float", "birth_mismatch", "impossible_date",
	"unknown_grade", "empty_name", "unknown_school"}

// brWhy says in Chinese what is wrong and how to fix it.
var brWhy = [brCount]string{
	"身份证件号校验码错误（GB 11643 MOD 11-2），请核对号码",
	"身份证件号被Excel存成了数字（科学计数法），请把该列设为文本后重新导出",
	"身份证件号中的出生日期与出生日期列不一致，请核对",
	"出生日期不是有效日期，请核对",
	"年级不在取值范围内（小班、中班、大班、一年级至九年级）",
	"必填项姓名为空",
	"学校标识码不在学校名录中（建库时与学校名录核对发现），请核对学校标识码或补报学校名录",
}

// brStride is the number of rows (of one row class) between two broken
// cells of a type; together about 0.3% of roster and household rows.
var brStride = [brCount]int{700, 8000, 2500, 2500, 4000, 2500, 5000}

// Row classes the breaker counts separately.
const (
	classRoster1 = iota // term-1 roster rows
	classRoster2        // term-2 roster rows
	classHousehold
	nClasses
)

// classSpread stretches the strides of term-2 roster rows: every broken
// term-2 row makes a pupil vanish from the valid data (a dropout flagged
// as a possible data error), so they are kept rarer there.
var classSpread = [nClasses]int{1, 2, 1}

// dupStride is the number of roster rows between two duplicated rows.
const dupStride = 900

// breaker decides, row by row, which rows get a broken cell and which are
// duplicated. It counts rows per class and fires each type when its
// target row count is reached on an eligible row, so it is deterministic
// and, with a small first target, every type occurs once there are rows.
type breaker struct {
	seen    [nClasses]int
	next    [nClasses][brCount]int
	nextDup int
	dupSeen int
}

// newBreaker sets the first targets early (within the first 200 rows).
func newBreaker(seed uint64) breaker {
	var b breaker
	for c := range b.next {
		for t := range b.next[c] {
			b.next[c][t] = 1 + int(hash3(seed, uint64(c), uint64(t)+50)%200)
		}
	}
	b.nextDup = 1 + int(hash3(seed, 9, 9)%300)
	return b
}

// applies reports whether a type is used in a row class.
func applies(class int, t brokenType) bool {
	return class != classHousehold || (t != brBadGrade && t != brBadSchool)
}

// take counts a row and returns the broken type it gets, or brNone.
func (b *breaker) take(class int, eligible *[brCount]bool) brokenType {
	b.seen[class]++
	for t := brokenType(0); t < brCount; t++ {
		if applies(class, t) && eligible[t] && b.seen[class] >= b.next[class][t] {
			b.next[class][t] = b.seen[class] + brStride[t]*classSpread[class]
			return t
		}
	}
	return brNone
}

// dup counts a roster row and reports whether it is written twice.
func (b *breaker) dup() bool {
	b.dupSeen++
	if b.dupSeen >= b.nextDup {
		b.nextDup = b.dupSeen + dupStride
		return true
	}
	return false
}

// breakCell damages one cell of f's current row (already filled in
// f.vals) and records it; cols names the kind's columns.
func (g *gen) breakCell(f *outFile, t brokenType, cols brokenCols, c *child, r *rng) {
	col := cols.id
	switch t {
	case brBadCheck:
		f.vals[col] = wrongCheck(c.id, r)
	case brFloat:
		f.vals[col] = g.excelID(f, col, c.id)
	case brBirthMismatch:
		f.vals[cols.birth] = f.st.date(c.birth.addDays(r.between(3, 300)), r.next())
	case brBadDate:
		col = cols.birth
		bad := [...]date{{0, 2, 30}, {0, 2, 31}, {0, 4, 31}, {0, 6, 31}, {0, 9, 31}, {0, 11, 31}}
		d := bad[r.intn(len(bad))]
		d.y = c.birth.y
		f.vals[col] = f.st.date(d, r.next())
	case brBadGrade:
		col = cols.grade
		f.vals[col] = "十年级"
	case brNoName:
		col = cols.name
		f.vals[col] = ""
	case brBadSchool:
		col = cols.school
		f.vals[col] = g.bogusSchool
	}
	g.broken = append(g.broken, BrokenCell{File: f.name, Sheet: f.sheet, Row: f.rowNum(),
		Column: f.header(col), Value: f.shown(col), Why: brWhy[t]})
	g.facts["broken_cells"]++
	g.facts["broken_"+brNames[t]]++
}

// excelID writes an identity number that Excel turned into a number: in a
// workbook a number cell holding its 15 significant digits, in a CSV the
// text Excel saved (4.30521201508E+17).
func (g *gen) excelID(f *outFile, col int, id string) string {
	if f.format != fmtXLSX {
		return excelFloat(id)
	}
	f.w.NumberNext(f.lay.colOf[col])
	g.facts["xlsx_number_ids"]++
	return excelNumber(id)
}

// floatEligible reports whether an identity number may be broken as an
// Excel number in file f.
func floatEligible(f *outFile, id string) bool {
	if f.format == fmtXLSX {
		return numberCellBreaks(id)
	}
	return canBeFloat(id)
}

// takeOrForce draws a row's broken type; in a workbook, while no number
// cell has been written yet, an eligible term-1 roster or household row
// gets one, so that every run with a workbook shows that case.
func (g *gen) takeOrForce(f *outFile, class int, elig *[brCount]bool) brokenType {
	bt := g.brk.take(class, elig)
	if bt == brNone && f.format == fmtXLSX && class != classRoster2 && elig[brFloat] &&
		g.facts["xlsx_number_ids"] == 0 {
		bt = brFloat
	}
	return bt
}

// brokenCols names the columns a kind's broken cells go into (-1 where
// the kind has none).
type brokenCols struct{ id, name, birth, grade, school int }
