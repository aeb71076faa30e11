package ingest

import (
	"fmt"
	"time"

	"dropwatch/pipeline/cells"
)

// followupChecks applies the rules of a 核查反馈 row that involve more
// than one cell (docs/inputs.md, kind followup): 拒不入学 needs the
// deadline the town set (限期日期), 在外地就读 needs the school, and with
// 证明材料 yes its level too; 核查日期 cannot be after the day the file is
// loaded (北京时间). Each reason says what the cadre has to fill in.
func (v *validator) followupChecks(rec []string) []Problem {
	var probs []Problem
	outcome := v.value(v.colIndex("outcome"))
	if outcome == "拒不入学" && v.value(v.colIndex("deadline")) == "" {
		probs = append(probs, v.problemAt("deadline", rec,
			"核查结果为「拒不入学」时必须填写限期日期（镇政府责令限期改正通知书上的期限）：请补填"))
	}
	if outcome == "在外地就读" {
		if v.value(v.colIndex("school_attended")) == "" {
			probs = append(probs, v.problemAt("school_attended", rec,
				"核查结果为「在外地就读」时必须填写就读学校（学校全称，含省市县）：请补填"))
		}
		if v.value(v.colIndex("evidence")) == "true" && v.value(v.colIndex("level_attended")) == "" {
			probs = append(probs, v.problemAt("level_attended", rec,
				"核查结果为「在外地就读」且已取得证明材料时必须填写就读学段（小学、初中或高中）：请补填"))
		}
	}
	i := v.colIndex("check_date")
	if i >= 0 && v.out[i].ok {
		day, err := time.Parse(time.DateOnly, v.out[i].s)
		today := v.today.Format(time.DateOnly)
		if err == nil && day.Format(time.DateOnly) > today {
			probs = append(probs, v.problemAt("check_date", rec, fmt.Sprintf(
				"核查日期%s晚于文件装载当天（北京时间%s）：核查日期不能是将来的日期，请核对后改正", v.out[i].s, today)))
		}
	}
	return probs
}

// notVisited reports a 核查反馈 row whose 核查结果 is blank: a row of the
// work list nobody has visited yet. It is skipped, not quarantined
// (counted in rows_total only).
func notVisited(l *Layout, rec []string) bool {
	if l.Kind.Name != "followup" {
		return false
	}
	for i, c := range l.Kind.Columns {
		if c.Key == "outcome" {
			j := l.Index[i]
			return j < 0 || j >= len(rec) || cells.Blank(rec[j])
		}
	}
	return false
}
