package reports

import (
	"fmt"
	"strings"
)

// headlineCap is how many schools or villages one sentence of the
// dashboard's opening paragraph names; the rest are counted ("等 N 所").
const headlineCap = 10

// Headline is the dashboard's opening paragraph, as a county report opens:
// which schools and villages are 一票否决 or 未达标 in the latest school
// year, by name, with each figure and its line. It reads the same rows as
// mart.violations (mart.indicators with status 未达标 or 一票否决).
type Headline struct {
	// Sentences are the paragraph's sentences in order: 一票否决 schools and
	// villages, then 未达标 ones, then the town's own missed indicators; one
	// sentence saying all is well when nothing missed its line.
	Sentences []string `json:"sentences"`
}

// scopeMiss is one school or village with its indicators of one status.
type scopeMiss struct {
	name  string
	items []string
}

// newHeadline builds the opening paragraph from the year's indicators.
func newHeadline(ind *indicatorSet, year int, yearName string) Headline {
	h := Headline{Sentences: []string{}}
	if yearName == "" {
		return h
	}
	levels := []struct{ code, name, unit string }{{"school", "学校", "所"}, {"village", "村（社区）", "个"}}
	for _, status := range []Status{StatusVeto, StatusMissed} {
		for _, l := range levels {
			misses := scopeMisses(ind, year, l.code, status)
			if len(misses) > 0 {
				h.Sentences = append(h.Sentences, missSentence(string(status), l.name, l.unit, misses))
			}
		}
	}
	var town []string
	for _, i := range ind.year("town", ind.townCode(), year) {
		if i.Status.violation() {
			town = append(town, missText(i))
		}
	}
	if len(town) > 0 {
		h.Sentences = append(h.Sentences, "全镇未达标的指标："+strings.Join(town, "；")+"。")
	}
	if len(h.Sentences) == 0 {
		h.Sentences = append(h.Sentences, "各学校、各村（社区）和全镇的指标均达标或暂无数据。")
	}
	h.Sentences[0] = yearName + "，" + h.Sentences[0]
	return h
}

// scopeMisses lists the scopes of one level with indicators of the status,
// in code order, each with its indicators in catalogue order.
func scopeMisses(ind *indicatorSet, year int, level string, status Status) []scopeMiss {
	var out []scopeMiss
	at := map[string]int{}
	for _, i := range ind.rows {
		if i.SchoolYear != year || i.ScopeLevel != level || i.Status != status {
			continue
		}
		k, ok := at[i.ScopeCode]
		if !ok {
			k = len(out)
			at[i.ScopeCode] = k
			name := i.ScopeName
			if name == "" {
				name = i.ScopeCode
			}
			out = append(out, scopeMiss{name: name})
		}
		out[k].items = append(out[k].items, missText(i))
	}
	return out
}

// missSentence: 未达标的学校 2 所：甲小学（…）、乙小学（…）。
func missSentence(status, level, unit string, misses []scopeMiss) string {
	var parts []string
	for _, m := range misses[:min(len(misses), headlineCap)] {
		parts = append(parts, m.name+"（"+strings.Join(m.items, "；")+"）")
	}
	more := ""
	if n := len(misses) - headlineCap; n > 0 {
		more = fmt.Sprintf("等，另有 %d %s见每学期初上报", n, unit)
	}
	return fmt.Sprintf("%s的%s %d %s：%s%s。", status, level, len(misses), unit, strings.Join(parts, "、"), more)
}

// missText is one indicator against its line: 小学年辍学率 1.1%，超过一票否决线
// 0.5%; 小学学龄人口入学率 99.2%，达标线 ≥ 99.5%; 每村一所幼儿园：无.
func missText(i Indicator) string {
	switch {
	case i.info.flag:
		return i.Name + "：" + i.Shown
	case i.Status == StatusVeto && i.Veto != nil:
		return fmt.Sprintf("%s %s，超过一票否决线 %s%%", i.Name, nearLine(i, *i.Veto), lineNum(*i.Veto))
	case i.info.upper:
		return fmt.Sprintf("%s %s，达标线 ≤ %s%%", i.Name, nearLine(i, i.Target), lineNum(i.Target))
	}
	return fmt.Sprintf("%s %s，达标线 %s", i.Name, nearLine(i, i.Target), i.Line)
}

// nearLine prints the value with one decimal, or two when one decimal
// would print the line itself (0.53% against 0.5%, not "0.5% 超过 0.5%").
func nearLine(i Indicator, line float64) string {
	if i.Value != nil && round1(*i.Value) == round1(line) {
		return fmt.Sprintf("%.2f%%", *i.Value)
	}
	return i.Shown
}
