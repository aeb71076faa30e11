package reports

import (
	"fmt"
	"hash/crc32"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"dropwatch/privacy"
)

// pct prints a percentage with one decimal, e.g. 97.7%; "—" when absent.
func pct(v *float64) string {
	if v == nil || math.IsNaN(*v) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *v)
}

// round1 rounds to one decimal, as the pages print rates.
func round1(v float64) float64 { return math.Round(v*10) / 10 }

// num prints an optional count; "—" when absent.
func num(v *int64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprint(*v)
}

// lineNum prints a line value without trailing zeros: 99.5, 85, 0.5.
func lineNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// statusClass maps a status to its CSS class (colour).
func statusClass(status string) string {
	switch status {
	case "一票否决":
		return "veto"
	case "未达标":
		return "fail"
	case "达标":
		return "ok"
	}
	return "nodata"
}

// statusRank orders statuses for display: 一票否决 first, then 未达标, 无数据
// and 达标.
func statusRank(status string) int {
	switch status {
	case "一票否决":
		return 0
	case "未达标":
		return 1
	case "无数据":
		return 2
	}
	return 3
}

// indicatorInfo is the display catalogue of an indicator code
// (docs/indicators.md).
type indicatorInfo struct {
	order int
	name  string
	short string // chart and column heading
	upper bool   // a ceiling (dropout rates) rather than a floor
	flag  bool   // 1 or 0 rather than a percentage
	exact bool   // the line must be met exactly (100%)
}

var indicatorCatalog = map[string]indicatorInfo{
	"preschool_gross_enrollment":       {1, "学前三年毛入园率", "学前毛入园率", false, false, false},
	"primary_net_enrollment":           {2, "小学学龄人口入学率", "小学入学率", false, false, false},
	"junior_net_enrollment":            {3, "初中学龄人口入学率", "初中入学率", false, false, false},
	"junior_gross_enrollment":          {4, "初中毛入学率", "初中毛入学率", false, false, false},
	"disabled_enrollment":              {5, "三类残疾儿童少年义务教育入学率", "三类残疾", false, false, false},
	"disabled_enrollment_visual":       {6, "视力残疾儿童少年义务教育入学率", "视力残疾", false, false, false},
	"disabled_enrollment_hearing":      {7, "听力残疾儿童少年义务教育入学率", "听力残疾", false, false, false},
	"disabled_enrollment_intellectual": {8, "智力残疾儿童少年义务教育入学率", "智力残疾", false, false, false},
	"primary_dropout":                  {9, "小学年辍学率", "小学辍学率", true, false, false},
	"junior_dropout":                   {10, "初中年辍学率", "初中辍学率", true, false, false},
	"junior_progression":               {11, "初中毕业生升学率", "初中升学率", false, false, false},
	"primary_to_junior":                {12, "小学毕业生升入初中比例", "小升初比例", false, false, true},
	"village_kindergarten":             {13, "每村一所幼儿园或学前班", "村幼儿园", false, true, false},
}

// infoOf returns the catalogue entry of code, or one that shows the code.
func infoOf(code string) indicatorInfo {
	if i, ok := indicatorCatalog[code]; ok {
		return i
	}
	return indicatorInfo{order: 99, name: code, short: code}
}

// lineText describes an indicator's line: ≥ 99.5%, ≤ 0.5%（> 0.5% 一票否决）,
// = 100%, or 有 for the kindergarten flag.
func lineText(code string, target float64, veto *float64) string {
	i := infoOf(code)
	switch {
	case i.flag:
		return "有"
	case i.exact:
		return "= " + lineNum(target) + "%"
	case i.upper:
		s := "≤ " + lineNum(target) + "%"
		if veto != nil {
			s += "（> " + lineNum(*veto) + "% 一票否决）"
		}
		return s
	}
	return "≥ " + lineNum(target) + "%"
}

// bracketed finds parenthesised details （…） or (…), which in quarantine
// reasons hold the offending values.
var bracketed = regexp.MustCompile(`（[^）]*）|\([^)]*\)`)

// reasonCategory reduces a quarantine reason to its category for the public
// tier: the values in brackets and the advice after the colon are dropped,
// and any long digit run is blanked, e.g. 身份证号校验位错误（最后一位按前17位算应为2）：
// 请核对… becomes 身份证号校验位错误.
func reasonCategory(reason string) string {
	s := bracketed.ReplaceAllString(reason, "")
	if i := strings.IndexAny(s, "：:"); i > 0 {
		s = s[:i]
	}
	s = privacy.MaskText(s)
	s = strings.TrimSpace(s)
	if s == "" {
		return "其他"
	}
	return s
}

// truncate shortens s to at most n runes.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// gradeLabel names a grade code: K1 小班, 1 一年级, 7 七年级 (初一).
func gradeLabel(g string) string {
	switch g {
	case "K1":
		return "小班"
	case "K2":
		return "中班"
	case "K3":
		return "大班"
	}
	names := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var n int
	if _, err := fmt.Sscanf(g, "%d", &n); err == nil && n >= 1 && n <= 9 {
		return names[n-1] + "年级"
	}
	return g
}

// gradeOrder sorts grade codes K1-K3 before 1-9.
func gradeOrder(g string) int {
	switch g {
	case "K1":
		return -3
	case "K2":
		return -2
	case "K3":
		return -1
	}
	var n int
	if _, err := fmt.Sscanf(g, "%d", &n); err == nil {
		return n
	}
	return 100
}

// yearLabel prints a school year: 2025 → 2025-2026学年.
func yearLabel(y int) string { return fmt.Sprintf("%d-%d学年", y, y+1) }

// safeCode matches codes that can name a file as they are.
var safeCode = regexp.MustCompile(`^[0-9A-Za-z_-]{1,40}$`)

// fileName turns a code into a page file name; a code that is not plain
// letters and digits (it comes from the data) is replaced by its checksum
// so it can never leave the directory.
func fileName(code string) string {
	if safeCode.MatchString(code) {
		return code + ".html"
	}
	return fmt.Sprintf("x%08x.html", crc32.ChecksumIEEE([]byte(code)))
}

// File is the school page's file name inside schools/.
func (s SchoolPage) File() string { return fileName(s.Code) }

// File is the village page's file name inside villages/.
func (v VillagePage) File() string { return fileName(v.Code) }
