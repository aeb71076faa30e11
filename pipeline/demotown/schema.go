package demotown

// field is one column of a kind, as inputs.md names it.
type field struct {
	zh, key string
	req     bool // required by the contract
	keep    bool // never dropped from a file (required, or the story needs it)
}

// schema is a kind's list of columns in canonical order.
type schema struct {
	kind   string
	fields []field
}

// Column indexes of the roster kind (学籍名册).
const (
	rYear = iota
	rTerm
	rSchool
	rName
	rGender
	rBirth
	rIDType
	rID
	rStudentNo
	rGrade
	rClass
	rStatus
	rEnrolled
	rHukou
	rLeftBehind
	rMigrant
	rOrphan
	rDisability
	rAid
	rAllowance
	rTeacher
	rGuardian
	rPhone
)

// Column indexes of the household kind (户籍人口).
const (
	hYear = iota
	hID
	hName
	hGender
	hBirth
	hVillage
	hGroup
	hCadre
	hHouseNo
	hStatus
	hGuardian
	hPhone
	hPoor
)

// Column indexes of the migration kind (流动人口子女).
const (
	mYear = iota
	mID
	mName
	mType
	mAddress
	mSchool
	mLevel
	mProof
	mProofDate
	mGuardian
	mPhone
)

// Column indexes of the dropout register (辍学登记).
const (
	dID = iota
	dName
	dSchool
	dGrade
	dDate
	dReason
	dMeasures
	dPersuader
	dPhone
	dVisits
	dStatus
	dReturn
	dPlacement
)

// Column indexes of the disability census, graduates and handoff.
const (
	sYear, sID, sName, sCategory, sPlacement, sLevel, sVillage    = 0, 1, 2, 3, 4, 5, 6
	gYear, gID, gName, gSchool, gDest                             = 0, 1, 2, 3, 4
	oYear, oID, oName, oPrimary, oJunior, oFile, oNotice, oParent = 0, 1, 2, 3, 4, 5, 6, 7
)

// req builds a required field.
func req(zh, key string) field { return field{zh, key, true, true} }

// droppable builds an optional field that some files leave out.
func droppable(zh, key string) field { return field{zh, key, false, false} }

// fix builds an optional field that every file carries.
func fix(zh, key string) field { return field{zh, key, false, true} }

// The nine kinds, headers and English keys as in inputs.md.
var (
	villageSchema = schema{"village", []field{req("村代码", "village_code"), req("村名称", "village_name"),
		fix("包村干部", "town_cadre"), fix("包村干部电话", "town_cadre_phone")}}
	schoolSchema = schema{"school", []field{req("学校标识码", "school_code"), req("学校名称", "school_name"),
		req("学段", "school_type"), req("所在村代码", "village_code"), fix("附设学前班", "has_preschool_class"),
		fix("校长", "principal"), droppable("联系电话", "phone")}}
	rosterSchema = schema{"roster", []field{req("学年", "school_year"), req("学期", "term"),
		req("学校标识码", "school_code"), req("姓名", "name"), req("性别", "gender"), req("出生日期", "birth_date"),
		fix("身份证件类型", "id_type"), req("身份证件号", "id_number"), droppable("全国学籍号", "student_no"),
		req("年级", "grade"), req("班级", "class_no"), fix("学籍状态", "status"), droppable("入学年月", "enrolled_ym"),
		droppable("户口所在地", "hukou_village_code"), fix("是否留守儿童", "left_behind"),
		droppable("是否进城务工人员随迁子女", "migrant_child"), droppable("是否孤儿", "orphan"), fix("残疾类型", "disability"),
		droppable("是否需要申请资助", "needs_aid"), droppable("是否享受一补", "gets_allowance"), fix("班主任", "head_teacher"),
		fix("监护人姓名", "guardian"), fix("联系电话", "guardian_phone")}}
	householdSchema = schema{"household", []field{req("学年", "school_year"), req("公民身份号码", "id_number"),
		req("姓名", "name"), req("性别", "gender"), req("出生日期", "birth_date"), req("村代码", "village_code"),
		fix("组", "group_no"), fix("包组干部", "village_cadre"), droppable("户号", "household_no"),
		fix("户籍状态", "reg_status"), fix("监护人姓名", "guardian"), fix("监护人电话", "guardian_phone"),
		droppable("是否建档立卡贫困户", "poor_household")}}
	migrationSchema = schema{"migration", []field{req("学年", "school_year"), req("身份证号", "id_number"),
		req("姓名", "name"), req("流动类型", "move_type"), droppable("现居住地", "current_address"),
		fix("就读学校", "school_elsewhere"), fix("就读学段", "level_elsewhere"), fix("就读证明", "proof"),
		droppable("取证日期", "proof_date"), fix("监护人姓名", "guardian"), fix("监护人电话", "guardian_phone")}}
	dropoutSchema = schema{"dropout", []field{req("身份证件号", "id_number"), req("姓名", "name"),
		req("学校标识码", "school_code"), req("年级", "grade"), req("辍学日期", "dropout_date"),
		req("辍学原因", "reason"), fix("劝返措施", "measures"), fix("劝返责任人", "persuader"),
		fix("责任人电话", "persuader_phone"), fix("劝返次数", "visits"), fix("劝返状态", "persuasion_status"),
		fix("返校日期", "return_date"), fix("安置方式", "placement")}}
	disabilitySchema = schema{"disability", []field{req("学年", "school_year"), req("身份证号", "id_number"),
		req("姓名", "name"), req("残疾类别", "category"), req("安置方式", "placement"), droppable("残疾等级", "grade_level"),
		fix("村代码", "village_code")}}
	graduateSchema = schema{"graduate", []field{req("毕业学年", "school_year"), req("身份证件号", "id_number"),
		req("姓名", "name"), req("学校标识码", "school_code"), req("去向", "destination")}}
	handoffSchema = schema{"handoff", []field{req("毕业学年", "school_year"), req("身份证件号", "id_number"),
		req("姓名", "name"), req("小学学校标识码", "primary_school_code"), fix("初中学校标识码", "junior_school_code"),
		fix("档案送达日期", "file_sent_date"), fix("通知书送达中心校日期", "notice_to_school_date"),
		fix("通知书送达家长日期", "notice_to_parent_date")}}
)

// Extra columns some exports carry; the loader ignores them.
const (
	extraSeq  = -1 // 序号: running row number
	extraNote = -2 // 备注（选填）/备注: free remark
	extraAddr = -3 // 家庭住址（现居）
)

// extraHeaders are the extra columns' headers, by -code-1.
var extraHeaders = []string{"序号", "备注", "家庭住址（现居）"}
