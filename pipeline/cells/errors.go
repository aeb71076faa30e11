package cells

import (
	"fmt"
	"strings"
)

// Error is a validation failure of one cell or one file. Reason is a
// Chinese sentence saying what is wrong and how to fix the source file; it
// never repeats the offending value, which the caller reports beside it.
type Error struct{ Reason string }

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

func fail(reason string) error { return &Error{Reason: reason} }

// Reasons shared by several parsers.
const (
	reasonEmpty       = "单元格为空：请填写该项"
	reasonNotInteger  = "不是整数：请只填写数字，例如3"
	reasonExcelNumber = "单元格被Excel存成了数字，内容可能已经变形：请把该列设置为“文本”格式后重新填写或重新导出"
)

// Reasons of ParseDate and ParseYearMonth.
const (
	reasonDateFormat   = "不是可识别的日期：请写成2019-08-31、2019/8/31、20190831或2019年8月31日的形式"
	reasonDateMonth    = "日期中的月份不在1-12之间：请核对年月日后改正"
	reasonDateYear     = "日期中的年份不在1900-2100之间：请核对年份后改正"
	reasonSerialRange  = "像是Excel日期序号，但换算出的日期不在1950-2100年之间：请把该列设置为日期格式，或写成2019-08-31的形式"
	reasonYMFormat     = "不是可识别的年月：请写成2019-09、201909或2019年9月的形式"
	reasonYMAmbiguous  = "年月用小数点分隔且月份只有一位1，可能是Excel把10月存成数字后丢掉了末尾的0：请写成2019-01或2019-10的形式"
	reasonSchoolYear   = "不是可识别的学年：请写成2025-2026、2025-2026学年或起始年份2025"
	reasonSchoolYearP1 = "学年的后一年应比前一年大1：请核对，例如2025-2026"
	reasonSchoolYearRg = "学年不在2000-2100年之间：请核对年份"
	reasonTerm         = "不是可识别的学期：秋季学期请填1、第一学期、秋季或上；春季学期请填2、第二学期、春季或下"
)

// reasonDateDay says the day does not exist in its month.
func reasonDateDay(daysInMonth int) string {
	return fmt.Sprintf("日期不存在（该月只有%d天）：请核对年月日后改正", daysInMonth)
}

// Reasons of the code-list parsers.
const (
	reasonGender       = "不是可识别的性别：请填男或女（也可填1表示男、2表示女）"
	reasonBool         = "不是可识别的是/否：请填是或否（也可填1/0、Y/N）"
	reasonGrade        = "不是可识别的年级（只收幼儿园和义务教育阶段）：请填小班、中班、大班、一年级至九年级、1至9，或初一、初二、初三"
	reasonGradeLevel   = "年级与学段不符（小学只有一至六年级，初中只有一至三年级）：请核对年级"
	reasonClassZero    = "班级号应为正整数：请填写如2或2班"
	reasonLeftBehind   = "不是可识别的留守情况：请填0（非留守）、1（单亲留守）或2（双亲留守）"
	reasonLeftBehindYN = "只写了是否留守，没有说明是单亲还是双亲留守：请改填1（单亲留守）或2（双亲留守），非留守填0"
	reasonIDType       = "不是可识别的身份证件类型：请填1（居民身份证）、6（香港特区护照/身份证明）、7（澳门特区护照/身份证明）、8（台湾居民来往大陆通行证）、9（境外永久居住证）、A（护照）或Z（其他），也可直接填名称"
)

// reasonNotAllowed lists the allowed values of an enumerated column.
func reasonNotAllowed(allowed []string) string {
	return "不在允许的取值之中：请填以下之一：" + strings.Join(allowed, "、")
}

// reasonIntRange gives the allowed range of an integer column.
func reasonIntRange(min, max int) string {
	return fmt.Sprintf("数值应在%d到%d之间：请核对后改正", min, max)
}

// Reasons of ParseCode.
const reasonCodeChars = "代码只能由数字组成：请删去其中的字母、空格或符号"

// reasonCodeLength says how many digits a code needs and has.
func reasonCodeLength(want, got int) string {
	return fmt.Sprintf("代码应为%d位数字（现为%d位）：请核对代码", want, got)
}

// Reasons of ParseIDNumber and CheckIDBirth.
const (
	reasonIDExcel    = "单元格被Excel存成了数字，号码已失真（18位号码的末几位会丢失）：请把该列设置为“文本”格式后从学籍系统重新导出，不要手工补全"
	reasonIDChars    = "身份证号只能由数字和最后一位的X组成：请删去其中的字母、符号，核对号码"
	reasonIDProvince = "身份证号前两位不是有效的省级行政区划代码：请核对号码"
	reasonIDBirth    = "身份证号中的出生日期（第7-14位）不存在：请核对号码"
	reasonIDBefore   = "身份证号中的出生年份早于1900年：请核对号码"
	reasonIDFuture   = "身份证号中的出生日期晚于今天：请核对号码"
	reasonIDTail000  = "身份证号校验位错误，且号码以000结尾，很可能是Excel把它存成数字后丢失了末尾：请把该列设置为“文本”格式后从学籍系统重新导出"
)

// reasonIDLength says the number has the wrong count of characters.
func reasonIDLength(got int) string {
	return fmt.Sprintf("身份证号位数不对（共%d位）：应为18位（旧号为15位），请核对号码", got)
}

// reasonIDCheck says the check character is wrong and what it should be.
func reasonIDCheck(want byte) string {
	return fmt.Sprintf("身份证号校验位错误（最后一位按前17位算应为%c）：请核对号码，或从学籍系统重新导出", want)
}

// reasonIDBirthMismatch says 出生日期 disagrees with the identity number.
func reasonIDBirthMismatch(inID string) string {
	return "出生日期与身份证号中的出生日期（" + inID + "）不一致：请核对出生日期或身份证号，改正错的一项"
}

// Reasons of NewDecoder.
const (
	reasonUTF16     = "文件是UTF-16（Unicode文本）编码，无法读取：请在Excel中另存为“CSV UTF-8（逗号分隔）”"
	reasonNUL       = "文件含有空字节，不是普通文本CSV（可能是UTF-16编码或损坏的文件）：请在Excel中另存为“CSV UTF-8（逗号分隔）”"
	reasonWorkbook  = "文件实际上是Excel工作簿，却以CSV文件交来：请把扩展名改为.xlsx或.xls，或在Excel中另存为“CSV UTF-8（逗号分隔）”"
	reasonEncoding  = "文件既不是UTF-8编码也不是GBK/GB18030编码：请在Excel中另存为“CSV UTF-8（逗号分隔）”"
	reasonBOMBroken = "文件开头标明是UTF-8编码，内容却不是有效的UTF-8：请在Excel中另存为“CSV UTF-8（逗号分隔）”"
)

// reasonBadBytes says where a streamed file stops being valid in enc.
func reasonBadBytes(enc Encoding, offset int64) string {
	return fmt.Sprintf("文件在第%d字节附近出现不是%s编码的内容（前面部分按%s读取）：文件可能混用了编码或已损坏，请在Excel中另存为“CSV UTF-8（逗号分隔）”",
		offset, enc, enc)
}
