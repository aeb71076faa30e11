package demotown

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The headers and English keys of inputs.md, restated for the tests.
var testKinds = map[string][][2]string{
	"followup": {{"核查日期", "check_date"}, {"身份证件号", "id_number"}, {"姓名", "name"}, {"核查结果", "outcome"},
		{"证明材料", "evidence"}, {"就读学校", "school_attended"}, {"就读学段", "level_attended"}, {"核查人", "checker"},
		{"核查人电话", "checker_phone"}, {"措施", "measures"}, {"限期日期", "deadline"}, {"备注", "note"}},
	"village": {{"村代码", "village_code"}, {"村名称", "village_name"}, {"包村干部", "town_cadre"},
		{"包村干部电话", "town_cadre_phone"}},
	"school": {{"学校标识码", "school_code"}, {"学校名称", "school_name"}, {"学段", "school_type"},
		{"所在村代码", "village_code"}, {"附设学前班", "has_preschool_class"}, {"校长", "principal"},
		{"联系电话", "phone"}},
	"roster": {{"学年", "school_year"}, {"学期", "term"}, {"学校标识码", "school_code"}, {"姓名", "name"},
		{"性别", "gender"}, {"出生日期", "birth_date"}, {"身份证件类型", "id_type"}, {"身份证件号", "id_number"},
		{"全国学籍号", "student_no"}, {"年级", "grade"}, {"班级", "class_no"}, {"学籍状态", "status"},
		{"入学年月", "enrolled_ym"}, {"户口所在地", "hukou_village_code"}, {"是否留守儿童", "left_behind"},
		{"是否进城务工人员随迁子女", "migrant_child"}, {"是否孤儿", "orphan"}, {"残疾类型", "disability"},
		{"是否需要申请资助", "needs_aid"}, {"是否享受一补", "gets_allowance"}, {"班主任", "head_teacher"},
		{"监护人姓名", "guardian"}, {"联系电话", "guardian_phone"}},
	"household": {{"学年", "school_year"}, {"公民身份号码", "id_number"}, {"姓名", "name"}, {"性别", "gender"},
		{"出生日期", "birth_date"}, {"村代码", "village_code"}, {"组", "group_no"}, {"包组干部", "village_cadre"},
		{"户号", "household_no"}, {"户籍状态", "reg_status"}, {"监护人姓名", "guardian"},
		{"监护人电话", "guardian_phone"}, {"是否建档立卡贫困户", "poor_household"}},
	"migration": {{"学年", "school_year"}, {"身份证号", "id_number"}, {"姓名", "name"}, {"流动类型", "move_type"},
		{"现居住地", "current_address"}, {"就读学校", "school_elsewhere"}, {"就读学段", "level_elsewhere"},
		{"就读证明", "proof"}, {"取证日期", "proof_date"}, {"监护人姓名", "guardian"}, {"监护人电话", "guardian_phone"}},
	"dropout": {{"身份证件号", "id_number"}, {"姓名", "name"}, {"学校标识码", "school_code"}, {"年级", "grade"},
		{"辍学日期", "dropout_date"}, {"辍学原因", "reason"}, {"劝返措施", "measures"}, {"劝返责任人", "persuader"},
		{"责任人电话", "persuader_phone"}, {"劝返次数", "visits"}, {"劝返状态", "persuasion_status"},
		{"返校日期", "return_date"}, {"安置方式", "placement"}},
	"disability": {{"学年", "school_year"}, {"身份证号", "id_number"}, {"姓名", "name"}, {"残疾类别", "category"},
		{"安置方式", "placement"}, {"残疾等级", "grade_level"}, {"村代码", "village_code"}},
	"graduate": {{"毕业学年", "school_year"}, {"身份证件号", "id_number"}, {"姓名", "name"},
		{"学校标识码", "school_code"}, {"去向", "destination"}},
	"handoff": {{"毕业学年", "school_year"}, {"身份证件号", "id_number"}, {"姓名", "name"},
		{"小学学校标识码", "primary_school_code"}, {"初中学校标识码", "junior_school_code"},
		{"档案送达日期", "file_sent_date"}, {"通知书送达中心校日期", "notice_to_school_date"},
		{"通知书送达家长日期", "notice_to_parent_date"}},
	"attendance": {{"学年", "school_year"}, {"月份", "month"}, {"学校标识码", "school_code"},
		{"身份证件号", "id_number"}, {"姓名", "name"}, {"应出勤天数", "days_required"}, {"缺勤天数", "days_absent"},
		{"病事假天数", "days_excused"}, {"缺勤原因", "absence_reason"}},
}

// testRequired lists the required columns per kind (inputs.md).
var testRequired = map[string][]string{
	"village":    {"村代码", "村名称"},
	"school":     {"学校标识码", "学校名称", "学段", "所在村代码"},
	"roster":     {"学年", "学期", "学校标识码", "姓名", "性别", "出生日期", "身份证件号", "年级", "班级"},
	"household":  {"学年", "公民身份号码", "姓名", "性别", "出生日期", "村代码"},
	"migration":  {"学年", "身份证号", "姓名", "流动类型"},
	"dropout":    {"身份证件号", "姓名", "学校标识码", "年级", "辍学日期", "辍学原因"},
	"disability": {"学年", "身份证号", "姓名", "残疾类别", "安置方式"},
	"graduate":   {"毕业学年", "身份证件号", "姓名", "学校标识码", "去向"},
	"handoff":    {"毕业学年", "身份证件号", "姓名", "小学学校标识码"},
	"attendance": {"学年", "月份", "学校标识码", "身份证件号", "姓名", "应出勤天数", "缺勤天数"},
}

// testExtras are the extra columns the generator may add.
var testExtras = map[string]bool{"序号": true, "备注": true, "家庭住址(现居)": true,
	"村民小组": true, "性别": true, "出生日期": true} // the 核查表's pre-filled columns

// normHeader normalises a header cell as the loader does.
func normHeader(h string) string {
	h = strings.Trim(h, " \u3000")
	h = strings.TrimRight(h, "★*")
	h = strings.Trim(h, " \u3000")
	return strings.NewReplacer("（", "(", "）", ")").Replace(h)
}

// canonical maps a header cell to the kind's Chinese header ("" if none).
func canonical(kind, h string) string {
	n := normHeader(h)
	for _, p := range testKinds[kind] {
		if n == p[0] || n == p[1] {
			return p[0]
		}
	}
	return ""
}

// table is a parsed CSV file with canonical column lookup.
type table struct {
	header []string
	rows   [][]string
	col    map[string]int // canonical Chinese header -> column
}

// readTable reads a generated file: a workbook's first sheet as the
// cells show, or a CSV in UTF-8 (BOM stripped) or GBK.
func readTable(t *testing.T, dir, name, kind string) table {
	t.Helper()
	var recs [][]string
	if strings.HasSuffix(name, ".xlsx") {
		recs = readSheet(t, filepath.Join(dir, name))
	} else {
		recs = readCSV(t, filepath.Join(dir, name))
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no records", name)
	}
	tb := table{header: recs[0], rows: recs[1:], col: map[string]int{}}
	for i, h := range tb.header {
		if c := canonical(kind, h); c != "" {
			tb.col[c] = i
		}
	}
	return tb
}

// readCSV reads a CSV file in UTF-8 or, when not valid UTF-8, GBK.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(b) {
		if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
			t.Fatalf("%s: neither UTF-8 nor GBK: %v", path, err)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF")))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// readSheet reads the first sheet of a workbook as the cells show, every
// row padded to the header's width.
func readSheet(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range recs {
		for len(recs[i]) < len(recs[0]) {
			recs[i] = append(recs[i], "")
		}
	}
	return recs
}

// cell returns a row's value of a canonical column ("" when absent).
func (tb table) cell(row []string, name string) string {
	if i, ok := tb.col[name]; ok && i < len(row) {
		return row[i]
	}
	return ""
}

// mod112 checks an 18-character identity number's check character.
func mod112(id string) bool {
	if len(id) != 18 {
		return false
	}
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
		sum += int(id[i]-'0') * w[i]
	}
	return strings.ToUpper(id[17:]) == string("10X98765432"[sum%11])
}

// parseTestDate reads the four date formats the generator writes.
func parseTestDate(s string) (time.Time, bool) {
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-").Replace(s)
	if len(s) == 8 && !strings.Contains(s, "-") {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	p := strings.Split(s, "-")
	if len(p) != 3 {
		return time.Time{}, false
	}
	y, e1 := strconv.Atoi(p[0])
	m, e2 := strconv.Atoi(p[1])
	d, e3 := strconv.Atoi(p[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && int(t.Month()) == m
}

// idColumn is the identity-number column of each kind.
var idColumn = map[string]string{"roster": "身份证件号", "household": "公民身份号码", "migration": "身份证号",
	"dropout": "身份证件号", "disability": "身份证号", "graduate": "身份证件号", "handoff": "身份证件号",
	"attendance": "身份证件号"}

// generateDefault generates the default-size town for a seed into a
// fresh temporary directory.
func generateDefault(t *testing.T, seed int64) (string, Manifest) {
	t.Helper()
	dir := t.TempDir()
	man, err := Generate(dir, Options{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return dir, man
}
