package ingest

// This file restates the input kinds of the data contract (docs/inputs.md):
// which headers each kind has, which are required, and what values a
// column accepts. Header matching, validation and the raw tables are all
// derived from these descriptors, so a column is declared exactly once.

// Type says how a cell of a column is parsed and validated.
type Type int

// Column types. Each maps to one parser in package cells.
const (
	Text       Type = iota // free text, kept as given (trimmed)
	Date                   // a date in any accepted spelling, canonical YYYY-MM-DD
	YearMonth              // 入学年月, canonical YYYY-MM
	SchoolYear             // 学年, canonical starting year
	Term                   // 学期, canonical 1 or 2
	Gender                 // 性别, canonical 男 or 女
	Bool                   // 是/否, canonical true or false
	Grade                  // 年级, canonical K1-K3 or 1-9
	Class                  // 班级, canonical number as text
	LeftBehind             // 是否留守儿童, canonical 0, 1 or 2
	IDType                 // 身份证件类型, canonical code (1 = 居民身份证)
	IDNumber               // 身份证件号, canonical 18 characters for resident IDs
	Code10                 // 10-digit 学校标识码
	Code12                 // 12-digit 村代码
	Enum                   // one of Column.Values
	Count                  // an integer ≥ 0
	Month                  // 月份, 1-12 (a trailing 月 is accepted)
	Days                   // a number of school days in a month, 0-31
)

// Column describes one column of an input kind.
type Column struct {
	Key      string   // English key, also accepted as a header; the raw column name
	Header   string   // Chinese header as the contract writes it
	Required bool     // a missing column rejects the file; an empty cell quarantines the row
	Type     Type     // how cells are parsed
	Values   []string // accepted values for Enum
}

// Kind describes one kind of input file.
type Kind struct {
	Name    string // village, school, roster, ...: the raw table name
	Title   string // the Chinese name of the file kind, for messages
	Source  string // the system or office the file comes from, named in reasons
	Columns []Column
}

// FollowupOutcomes are the values of 核查结果 (kind followup), in the
// order the 核查表's drop-down list offers them.
var FollowupOutcomes = []string{"在本镇就读", "在外地就读", "已劝返复学", "劝返中", "拒不入学", "已死亡", "户籍已迁出", "查无此人", "其他"}

var disabilities = []string{"视力残疾", "听力残疾", "智力残疾", "肢体残疾", "精神残疾", "多重残疾"}

func col(key, header string, t Type, values ...string) Column {
	return Column{Key: key, Header: header, Type: t, Values: values}
}

func req(key, header string, t Type, values ...string) Column {
	c := col(key, header, t, values...)
	c.Required = true
	return c
}

// Kinds lists the input kinds in the order a build depends on them
// (directories first).
var Kinds = []*Kind{
	{Name: "village", Title: "村居名录", Source: "乡镇村居名录（民政部门）", Columns: []Column{
		req("village_code", "村代码", Code12),
		req("village_name", "村名称", Text),
		col("town_cadre", "包村干部", Text),
		col("town_cadre_phone", "包村干部电话", Text),
	}},
	{Name: "school", Title: "学校名录", Source: "学校名录（县教育局）", Columns: []Column{
		req("school_code", "学校标识码", Code10),
		req("school_name", "学校名称", Text),
		req("school_type", "学段", Enum, "幼儿园", "小学", "初中", "九年一贯制"),
		req("village_code", "所在村代码", Code12),
		col("has_preschool_class", "附设学前班", Bool),
		col("principal", "校长", Text),
		col("phone", "联系电话", Text),
	}},
	{Name: "roster", Title: "学籍名册", Source: "学籍系统", Columns: []Column{
		req("school_year", "学年", SchoolYear),
		req("term", "学期", Term),
		req("school_code", "学校标识码", Code10),
		req("name", "姓名", Text),
		req("gender", "性别", Gender),
		req("birth_date", "出生日期", Date),
		col("id_type", "身份证件类型", IDType),
		req("id_number", "身份证件号", IDNumber),
		col("student_no", "全国学籍号", Text),
		req("grade", "年级", Grade),
		req("class_no", "班级", Class),
		col("status", "学籍状态", Enum, "在读", "休学", "转出", "辍学", "死亡", "毕业"),
		col("enrolled_ym", "入学年月", YearMonth),
		col("hukou_village_code", "户口所在地", Code12),
		col("left_behind", "是否留守儿童", LeftBehind),
		col("migrant_child", "是否进城务工人员随迁子女", Bool),
		col("orphan", "是否孤儿", Bool),
		col("disability", "残疾类型", Enum, disabilities...),
		col("needs_aid", "是否需要申请资助", Bool),
		col("gets_allowance", "是否享受一补", Bool),
		col("head_teacher", "班主任", Text),
		col("guardian", "监护人姓名", Text),
		col("guardian_phone", "联系电话", Text),
	}},
	{Name: "household", Title: "户籍人口", Source: "公安户籍系统", Columns: []Column{
		req("school_year", "学年", SchoolYear),
		req("id_number", "公民身份号码", IDNumber),
		req("name", "姓名", Text),
		req("gender", "性别", Gender),
		req("birth_date", "出生日期", Date),
		req("village_code", "村代码", Code12),
		col("group_no", "组", Text),
		col("village_cadre", "包组干部", Text),
		col("household_no", "户号", Text),
		col("reg_status", "户籍状态", Enum, "正常", "迁出", "死亡"),
		col("guardian", "监护人姓名", Text),
		col("guardian_phone", "监护人电话", Text),
		col("poor_household", "是否建档立卡贫困户", Bool),
	}},
	{Name: "migration", Title: "流动人口子女", Source: "流动人口登记系统", Columns: []Column{
		req("school_year", "学年", SchoolYear),
		req("id_number", "身份证号", IDNumber),
		req("name", "姓名", Text),
		req("move_type", "流动类型", Enum, "随迁外出", "流入", "留守"),
		col("current_address", "现居住地", Text),
		col("school_elsewhere", "就读学校", Text),
		col("level_elsewhere", "就读学段", Enum, "幼儿园", "小学", "初中", "高中", "未就读"),
		col("proof", "就读证明", Bool),
		col("proof_date", "取证日期", Date),
		col("guardian", "监护人姓名", Text),
		col("guardian_phone", "监护人电话", Text),
	}},
	{Name: "dropout", Title: "辍学登记", Source: "辍学登记台账", Columns: []Column{
		req("id_number", "身份证件号", IDNumber),
		req("name", "姓名", Text),
		req("school_code", "学校标识码", Code10),
		req("grade", "年级", Grade),
		req("dropout_date", "辍学日期", Date),
		req("reason", "辍学原因", Enum, "学习困难", "厌学", "家庭贫困", "外出务工", "疾病", "残疾", "早婚早育", "家庭变故", "其他"),
		col("measures", "劝返措施", Text),
		col("persuader", "劝返责任人", Text),
		col("persuader_phone", "责任人电话", Text),
		col("visits", "劝返次数", Count),
		col("persuasion_status", "劝返状态", Enum, "劝返中", "已返校", "无法劝返"),
		col("return_date", "返校日期", Date),
		col("placement", "安置方式", Enum, "随班就读", "补课后随班就读", "中心校审批返校"),
	}},
	{Name: "disability", Title: "残疾儿童少年", Source: "残疾人信息系统（残联）", Columns: []Column{
		req("school_year", "学年", SchoolYear),
		req("id_number", "身份证号", IDNumber),
		req("name", "姓名", Text),
		req("category", "残疾类别", Enum, disabilities...),
		req("placement", "安置方式", Enum, "随班就读", "特殊教育学校", "送教上门", "缓学", "免学", "未入学"),
		col("grade_level", "残疾等级", Enum, "一级", "二级", "三级", "四级"),
		col("village_code", "村代码", Code12),
	}},
	{Name: "graduate", Title: "初中毕业生去向", Source: "学籍系统", Columns: []Column{
		req("school_year", "毕业学年", SchoolYear),
		req("id_number", "身份证件号", IDNumber),
		req("name", "姓名", Text),
		req("school_code", "学校标识码", Code10),
		req("destination", "去向", Enum, "普通高中", "中等职业学校", "未升学", "其他"),
	}},
	{Name: "handoff", Title: "小升初交接", Source: "小升初交接台账", Columns: []Column{
		req("school_year", "毕业学年", SchoolYear),
		req("id_number", "身份证件号", IDNumber),
		req("name", "姓名", Text),
		req("primary_school_code", "小学学校标识码", Code10),
		col("junior_school_code", "初中学校标识码", Code10),
		col("file_sent_date", "档案送达日期", Date),
		col("notice_to_school_date", "通知书送达中心校日期", Date),
		col("notice_to_parent_date", "通知书送达家长日期", Date),
	}},
	{Name: "followup", Title: "核查反馈", Source: "核查表", Columns: []Column{
		req("check_date", "核查日期", Date),
		req("id_number", "身份证件号", IDNumber),
		req("name", "姓名", Text),
		req("outcome", "核查结果", Enum, FollowupOutcomes...),
		col("evidence", "证明材料", Bool),
		col("school_attended", "就读学校", Text),
		col("level_attended", "就读学段", Enum, "小学", "初中", "高中"),
		req("checker", "核查人", Text),
		col("checker_phone", "核查人电话", Text),
		col("measures", "措施", Text),
		col("deadline", "限期日期", Date),
		col("note", "备注", Text),
	}},
	{Name: "attendance", Title: "月考勤", Source: "学校考勤系统", Columns: []Column{
		req("school_year", "学年", SchoolYear),
		req("month", "月份", Month),
		req("school_code", "学校标识码", Code10),
		req("id_number", "身份证件号", IDNumber),
		req("name", "姓名", Text),
		req("days_required", "应出勤天数", Days),
		req("days_absent", "缺勤天数", Days),
		col("days_excused", "病事假天数", Days),
		col("absence_reason", "缺勤原因", Text),
	}},
}

// KindByName returns the kind with the given name, or nil.
func KindByName(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Column returns the column with the given key, or nil.
func (k *Kind) Column(key string) *Column {
	for i := range k.Columns {
		if k.Columns[i].Key == key {
			return &k.Columns[i]
		}
	}
	return nil
}
