package query

import (
	"fmt"
	"io"
	"strings"

	"dropwatch/privacy"
)

// Write prints the explanation for a reader checking the figure by hand.
// Children are masked unless restricted; limit caps each list (0: all).
func (e *Explanation) Write(w io.Writer, restricted bool, limit int) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s（%s）\n", e.Name, e.Indicator)
	fmt.Fprintf(b, "学年 %d-%d，范围：%s %s %s\n", e.Year, e.Year+1, scopeLabel(e.Scope.Level), e.Scope.Code, e.ScopeName)
	fmt.Fprintf(b, "分子 / numerator:   %s\n  口径：%s\n", count(e.Numerator), e.NumeratorDef)
	fmt.Fprintf(b, "分母 / denominator: %s\n  口径：%s\n", count(e.Denominator), e.DenominatorDef)
	fmt.Fprintf(b, "数值 / value: %s   达标线 / line: %s %s", percent(e.Value, e.Unit), e.Direction, percent(e.Target, e.Unit))
	if e.Veto != nil {
		fmt.Fprintf(b, "   一票否决线 / veto: > %s", percent(e.Veto, e.Unit))
	}
	fmt.Fprintf(b, "\n状态 / status: %s\n", e.Status)
	if e.Provision != nil {
		fmt.Fprintf(b, "\n本村有幼儿园或学前班 / has a kindergarten: %v\n", yesNo(*e.Provision))
		_, err := io.WriteString(w, b.String())
		return err
	}
	agree := "一致 / agrees"
	if !e.Agrees() {
		agree = "不一致！请报告 / DISAGREES: please report"
	}
	fmt.Fprintf(b, "按儿童重新计数 / recounted from the children: 分子 %d，分母 %d —— %s\n",
		e.CountedNumerator, e.CountedDenominator, agree)
	e.writeList(b, "计入分子（且在分母）/ in the numerator and the denominator", restricted, limit, func(c Child) bool { return c.InNumerator && c.InDenominator })
	e.writeList(b, "在分母、未计入分子 / in the denominator only", restricted, limit, func(c Child) bool { return !c.InNumerator && c.InDenominator })
	e.writeList(b, "计入分子、不在分母（毛入学率）/ in the numerator only", restricted, limit, func(c Child) bool { return c.InNumerator && !c.InDenominator })
	if !restricted {
		b.WriteString("\n姓名与证件号已遮盖；加 --restricted 显示全部（仅限有权处理名单的人员）/ masked: --restricted shows them\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (e *Explanation) writeList(b *strings.Builder, title string, restricted bool, limit int, keep func(Child) bool) {
	var list []Child
	for _, c := range e.Children {
		if keep(c) {
			list = append(list, c)
		}
	}
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s：%d 人\n", title, len(list))
	for i, c := range list {
		if limit > 0 && i == limit {
			fmt.Fprintf(b, "  …… 另有 %d 人（--limit 0 显示全部）/ %d more\n", len(list)-limit, len(list)-limit)
			break
		}
		key, name := c.Key, c.Name
		if !restricted {
			key, name = privacy.MaskID(key), privacy.MaskName(name)
		}
		// Masked, the birth date is left out: MaskID hides exactly the
		// number's birth-date digits, so printing the date beside it would
		// give the whole number back.
		birth := ""
		if c.BirthDate != nil && restricted {
			birth = c.BirthDate.Format("2006-01-02")
		}
		fmt.Fprintf(b, "  %-20s %s %s %s\n", key, pad(name, 8, false), pad(c.Gender, 2, false), birth)
	}
}

func scopeLabel(level string) string {
	switch level {
	case "village":
		return "村"
	case "school":
		return "学校"
	}
	return "全镇"
}

func count(n *int64) string {
	if n == nil {
		return "无数据"
	}
	return fmt.Sprint(*n)
}

func percent(v *float64, unit string) string {
	if v == nil {
		return "—"
	}
	if unit == "flag" {
		return fmt.Sprintf("%g", *v)
	}
	return fmt.Sprintf("%.2f%%", *v)
}

func yesNo(b bool) string {
	if b {
		return "是 / yes"
	}
	return "否 / no"
}
