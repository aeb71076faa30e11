package reports

import "fmt"

// The restricted workbooks: named lists with identity and phone numbers,
// always stored as text cells.

const personalNote = "（含个人信息，仅限工作人员使用，不得外传）"

// unaccountedWorkbook writes the latest term's list, one row per child.
func unaccountedWorkbook(l *UnaccountedList, opt Options) ([]byte, error) {
	title := "应入学未入学名单" + personalNote
	if l.Term != nil {
		title = l.Term.Label + title
	}
	sh := sheet{name: "应入学未入学名单", title: title,
		header: []string{"村代码", "村（社区）", "包村干部", "村民小组", "包组干部", "姓名", "身份证号", "性别",
			"出生日期", "年龄", "原因", "监护人", "监护人电话", "连续在册学期"},
		widths: []float64{14, 14, 10, 8, 10, 10, 21, 6, 12, 6, 18, 10, 14, 8},
		text:   cols(0, 3, 6, 8, 12)}
	for _, v := range l.Villages {
		for _, c := range v.Children {
			sh.rows = append(sh.rows, []any{v.Code, v.Name, v.TownCadre, c.GroupNo, c.VillageCadre, c.Name,
				c.IDNumber, c.Gender, c.BirthDate, c.Age, c.Reason, c.Guardian, c.GuardianPhone, c.TermsOnList})
		}
	}
	return newWorkbook(opt.TownName+"应入学未入学名单", opt, []sheet{sh})
}

// dropoutWorkbook writes the dropouts and every persuasion episode.
func dropoutWorkbook(l *DropoutList, opt Options) ([]byte, error) {
	kids := sheet{name: "辍学学生", title: "辍学学生" + personalNote,
		header: []string{"学年", "学校标识码", "学校", "学段", "年级", "班级", "姓名", "身份证号", "类别",
			"辍学原因", "劝返状态", "疑似数据错误", "劝返记录"},
		widths: []float64{12, 14, 24, 6, 6, 6, 10, 21, 10, 10, 10, 8, 60},
		text:   cols(1, 5, 7)}
	cases := sheet{name: "劝返记录", title: "劝返台账" + personalNote,
		header: []string{"学校标识码", "学校", "姓名", "身份证号", "年级", "辍学日期", "辍学原因", "劝返措施",
			"劝返责任人", "责任人电话", "劝返次数", "劝返状态", "返校日期", "安置方式", "台账状态", "离校天数"},
		widths: []float64{14, 24, 10, 21, 6, 12, 10, 30, 10, 14, 8, 10, 12, 10, 10, 8},
		text:   cols(0, 3, 5, 9, 12)}
	seen := map[string]bool{}
	addCase := func(c PersuasionCase) {
		k := c.IDNumber + "|" + c.DropoutDate + "|" + c.SchoolCode
		if seen[k] {
			return
		}
		seen[k] = true
		cases.rows = append(cases.rows, []any{c.SchoolCode, c.SchoolName, c.Name, c.IDNumber, c.Grade, c.DropoutDate,
			c.Reason, c.Measures, c.Persuader, c.PersuaderPhone, c.Visits, c.Status, c.ReturnDate, c.Placement,
			c.CaseStatus, c.DaysOut})
	}
	for _, y := range l.Years {
		for _, s := range y.Schools {
			for _, d := range s.Children {
				flag := ""
				if d.PossibleDataError {
					flag = "是"
				}
				kids.rows = append(kids.rows, []any{y.YearLabel, s.Code, s.Name, d.Level, d.Grade, d.Class, d.Name,
					d.IDNumber, d.Kind, d.Reason, d.PersuasionStatus, flag, historyText(d.History)})
				for _, c := range d.History {
					addCase(c)
				}
			}
		}
	}
	for _, c := range l.Other {
		addCase(c)
	}
	return newWorkbook(opt.TownName+"辍学学生及劝返记录", opt, []sheet{kids, cases})
}

// historyText summarises a child's episodes in one cell.
func historyText(h []PersuasionCase) string {
	s := ""
	for i, c := range h {
		if i > 0 {
			s += "；"
		}
		s += fmt.Sprintf("%s辍学，%s，%s劝返%d次，%s", c.DropoutDate, c.Reason, c.Persuader, c.Visits, c.CaseStatus)
	}
	return s
}

// handoffWorkbook writes the handoff misses.
func handoffWorkbook(l *HandoffList, opt Options) ([]byte, error) {
	sh := sheet{name: "小升初交接逾期", title: "小升初交接逾期名单" + personalNote,
		header: []string{"毕业学年", "小学标识码", "小学", "姓名", "身份证号", "初中学校标识码", "交接表有无",
			"档案送达日期", "档案状态", "通知书送达中心校日期", "中心校状态", "通知书送达家长日期", "家长状态"},
		widths: []float64{12, 14, 24, 10, 21, 14, 8, 12, 10, 12, 10, 12, 10},
		text:   cols(1, 4, 5, 7, 9, 11)}
	for _, y := range l.Years {
		for _, s := range y.Schools {
			for _, m := range s.Children {
				row := "有"
				if !m.HasRow {
					row = "无"
				}
				sh.rows = append(sh.rows, []any{y.YearLabel, s.Code, s.Name, m.Name, m.IDNumber, m.JuniorSchool, row,
					m.File.Date, m.File.Status, m.ToSchool.Date, m.ToSchool.Status, m.ToParent.Date, m.ToParent.Status})
			}
		}
	}
	return newWorkbook(opt.TownName+"小升初交接逾期名单", opt, []sheet{sh})
}

// quarantineWorkbook writes the quarantined cells with their values.
func quarantineWorkbook(rows []QuarantineRow, opt Options) ([]byte, error) {
	sh := sheet{name: "隔离数据清单", title: "隔离数据清单" + personalNote,
		header: []string{"文件", "工作表", "行号", "列", "值", "原因及更正办法"},
		widths: []float64{36, 12, 8, 14, 24, 60}, text: cols(4)}
	for _, q := range rows {
		var row any
		if q.RowNumber > 0 {
			row = q.RowNumber
		}
		sh.rows = append(sh.rows, []any{q.FileName, q.Sheet, row, q.Column, q.Value, q.Reason})
	}
	return newWorkbook(opt.TownName+"隔离数据清单", opt, []sheet{sh})
}
