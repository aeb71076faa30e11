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

// lineText describes an indicator's line: ≥ 99.5%, ≤ 0.5%（> 0.5% 一票否决）,
// = 100%, or 有 for the kindergarten flag.
func lineText(i indicatorInfo, target float64, veto *float64) string {
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

// yearLabel prints a school year: 2025 → 2025-2026学年. Every page and
// workbook writes years this way; chart axes and narrow columns use
// yearShort and Term.Short (docs/reports.md, 年份写法).
func yearLabel(y int) string { return fmt.Sprintf("%d-%d学年", y, y+1) }

// yearShort is the short form of a school year for chart axes:
// 2025 → 25-26学年.
func yearShort(y int) string { return fmt.Sprintf("%02d-%02d学年", y%100, (y+1)%100) }

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
