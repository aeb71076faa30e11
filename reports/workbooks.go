package reports

import "strings"

// The public workbooks: the 学期通报 and the 每学期初上报. They hold the same
// tables as their pages (a test compares them cell by cell).

// bulletinSheets are the bulletin's tables, shared by the page and the
// workbook: 汇总 and 各校情况 (one line per school and level, the rate
// coloured by its status: 一票否决 red).
func bulletinSheets(b *Bulletin) []sheet {
	t := b.Total
	summary := sheet{name: "汇总", title: b.Term.Label + "学期通报：汇总",
		header: []string{"项目", "数值"}, widths: []float64{44, 40},
		rows: [][]any{
			{"报送学校数", int64(t.Schools)},
			{"未报送名册的学校", joinOrNone(b.Missing)},
			{"在读人数", t.Enrolled},
			{"本学期流失", t.Left},
			{"本学期复学", t.Returned},
			{"学年累计辍学", t.DropoutsYTD},
			{"本学年已登记辍学", t.Registered},
			{"其中已返校", t.ReturnedRegistered},
			{"无辍学班级数", t.NoDropoutClasses},
		}}
	for _, i := range b.Dropout {
		summary.rows = append(summary.rows, []any{i.Name + "（" + string(i.Status) + "，达标线 " + i.Line + "）", rateCell{i.Value}})
	}
	if b.Term.Term == 2 {
		summary.rows = append(summary.rows, []any{"辍学率一票否决的学校", joinOrNone(vetoedNames(b.Vetoed))})
	}
	schools := sheet{name: "各校情况", title: b.Term.Label + "学期通报：各校情况",
		header: []string{"学校标识码", "学校名称", "学段", "名册", "在读人数", "本学期流失", "本学期复学",
			"学年累计辍学", "学年辍学率", "辍学率状态", "已登记辍学", "其中已返校", "无辍学班级"},
		widths: []float64{14, 28, 8, 10, 10, 10, 10, 12, 10, 10, 10, 10, 10},
		text:   cols(0), rate: cols(8), status: map[int]int{8: 9, 9: 9}}
	for _, r := range b.Rows {
		received := "已报送"
		if !r.Received {
			received = "未报送"
		}
		schools.rows = append(schools.rows, []any{r.SchoolCode, r.SchoolName, r.Level, received, r.Enrolled,
			r.Left, r.Returned, r.DropoutsYTD, r.DropoutRate, r.DropoutStatus, r.Registered, r.ReturnedRegistered,
			r.NoDropoutClasses})
	}
	schools.rows = append(schools.rows, []any{"", "合计", "", "", t.Enrolled, t.Left, t.Returned, t.DropoutsYTD,
		nil, "", t.Registered, t.ReturnedRegistered, t.NoDropoutClasses})
	return []sheet{summary, schools}
}

// vetoedNames names each vetoed line: 石桥九年一贯制学校（小学 1.1%）.
func vetoedNames(rows []BulletinRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.VetoLabel()
	}
	return out
}

// joinOrNone lists names with 、, or says 无.
func joinOrNone(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	return strings.Join(names, "、")
}

// bulletinWorkbook writes the bulletin as .xlsx.
func bulletinWorkbook(b *Bulletin, opt Options) ([]byte, error) {
	return newWorkbook(opt.TownName+b.Term.Label+"学期通报", opt, bulletinSheets(b))
}

// reportWorkbook writes the semester-start report as .xlsx, with an empty
// 应对措施 sheet for the office to fill before sending it.
func reportWorkbook(r *CountyReport, opt Options) ([]byte, error) {
	return newWorkbook(opt.TownName+"每学期初上报"+r.Term.Label, opt, reportSheets(r, false))
}

// reportSheets are the report's tables, shared by the page and the
// workbook. On the page (forPage) the violations sheet leaves out the
// villages, which the page lists grouped by indicator instead.
func reportSheets(r *CountyReport, forPage bool) []sheet {
	head := "每学期初上报（" + r.Term.Label + "）："
	figures := sheet{name: "主要指标", title: head + "主要指标",
		header: []string{"指标", "达标线"}, widths: []float64{32, 26}, rate: cols()}
	for _, y := range r.Years {
		figures.header = append(figures.header, yearLabel(y), "分子/分母", "状态")
		figures.widths = append(figures.widths, 14, 14, 10)
		figures.rate[len(figures.header)-3] = true
	}
	for _, s := range r.Figures {
		row := []any{s.Name, s.Line}
		for _, v := range s.Values {
			row = append(row, v.Value, v.Fraction(), string(v.Status))
		}
		figures.rows = append(figures.rows, row)
	}
	e := r.Enrolment
	pupils := sheet{name: "在校生与未入学", title: head + "在校生与应入学未入学",
		header: []string{"项目", "人数"}, widths: []float64{30, 12},
		rows: [][]any{{"在读人数", e.Enrolled}, {"本学期流失", e.Left}, {"本学期复学", e.Returned},
			{"应入学未入学（合计）", r.UnaccountedTotal}}}
	for _, c := range r.Unaccounted {
		pupils.rows = append(pupils.rows, []any{"其中：" + c.Label, c.N})
	}
	viol := sheet{name: "未达标与一票否决", title: head + "未达标与一票否决（" + yearLabel(r.Term.SchoolYear) + "）",
		header: []string{"范围", "代码", "名称", "指标", "数值", "分子/分母", "达标线", "状态"},
		widths: []float64{10, 14, 24, 30, 10, 12, 24, 10}, text: cols(1), rate: cols(4)}
	for _, v := range r.Violations {
		if forPage && v.ScopeLevel == "village" {
			continue
		}
		viol.rows = append(viol.rows, []any{v.LevelName(), v.ScopeCode, v.ScopeName, v.Name, v.Value, v.Fraction(), v.Line, string(v.Status)})
	}
	cases := sheet{name: "劝返未销号", title: head + "劝返台账未销号个案（按学校）",
		header: []string{"学校标识码", "学校名称", "劝返中", "已返校待核", "无法劝返", "合计"},
		widths: []float64{14, 30, 10, 12, 10, 10}, text: cols(0)}
	for _, c := range append(append([]CaseCount{}, r.Cases...), r.CaseTotal) {
		cases.rows = append(cases.rows, []any{c.SchoolCode, c.SchoolName, c.Persuading, c.Pending, c.Failed, c.Total})
	}
	measures := sheet{name: "应对措施", title: head + "应对措施（据个案台账预填，镇教育办补充后上报）",
		header: []string{"序号", "存在问题", "应对措施", "责任单位及责任人", "完成时限"},
		widths: []float64{6, 36, 64, 28, 14}, blank: 8}
	for i, m := range r.Measures {
		measures.rows = append(measures.rows, []any{int64(i + 1), m.Problem, m.Action, m.Responsible, ""})
	}
	return []sheet{figures, pupils, viol, cases, measures}
}
