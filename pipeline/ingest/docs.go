package ingest

import (
	"fmt"
	"strings"
)

var typeNotes = map[Type]string{
	Text:       "",
	Date:       "日期：2019-08-31、2019/8/31、20190831、2019年8月31日或 Excel 日期",
	YearMonth:  "年月：2019-09、201909、2019年9月",
	SchoolYear: "学年：2025-2026、2025-2026学年或 2025（起始年份）",
	Term:       "学期：1/第一学期/秋季/上，2/第二学期/春季/下",
	Gender:     "1/男，2/女",
	Bool:       "是/否、1/0、Y/N",
	Grade:      "小班/中班/大班、一年级…九年级、1…9、初一/初二/初三、七年级…九年级",
	Class:      "如 2 或 2班",
	LeftBehind: "0/非留守，1/单亲留守，2/双亲留守",
	IDType:     "1/居民身份证（默认）或其他证件类型代码、名称",
	IDNumber:   "18 位公民身份号码（校验位、省份、出生日期均须正确）或 15 位旧号码",
	Code10:     "10 位数字",
	Code12:     "12 位数字",
	Count:      "不小于 0 的整数",
	Month:      "1…12（可带「月」字，如 9月）",
	Days:       "0…31 的整数",
}

// Markdown documents the input kinds as tables, for docs/inputs.md.
func Markdown() string {
	var b strings.Builder
	for i, k := range Kinds {
		fmt.Fprintf(&b, "### %d. %s (`%s`)\n\n| 列名 header | key | 必填 required | 取值 values |\n|---|---|---|---|\n", i+1, k.Title, k.Name)
		for _, c := range k.Columns {
			req := ""
			if c.Required {
				req = "是"
			}
			note := typeNotes[c.Type]
			if c.Type == Enum {
				note = strings.Join(c.Values, "、")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.Header, c.Key, req, note)
		}
		b.WriteString("\n")
	}
	return b.String()
}
