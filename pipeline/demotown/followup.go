package demotown

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The returned 核查表 (核查反馈, input kind followup): for every school year
// of the window but the last, one workbook as the villages send it back,
// with what cadres found about children the lists of that year named.
// Visits are dated inside the year (October and March), so with the
// default window every row lies before the day of any run. The children:
//
//   - never-enrolled children (evNever) in H aged 6-15 but the one the last
//     household extract drops (its case closes 已出名单), in index order: the
//     first is found dead with proof in the first year (March), while the
//     household register keeps it 正常 (户籍待更新); the second refuses
//     (拒不入学) in the last visited year with a deadline a month later, by
//     now overdue; the third refuses in October and is being persuaded
//     (劝返中) in March; the fourth has moved its 户籍 away, with proof; of
//     the rest every other row is left blank (not visited yet) and the
//     others say 劝返中;
//   - pupils who vanished from a term-2 roster (unregistered dropouts):
//     visited in April, every other row left blank, the rest 已劝返复学;
//   - children who left with their parents without proof (随迁外出) in two
//     consecutive years: the second year's visit finds the school elsewhere
//     and gets proof (在外地就读), closing the case of the first year.
//
// Only children among the first followupScan are considered, so a town of
// millions does not compute every child a second time.
const followupScan = 20000

// followupHeaders: the work list's pre-filled columns, then kind 10's.
var followupHeaders = []any{"村民小组", "姓名", "身份证件号", "性别", "出生日期",
	"核查日期", "核查结果", "证明材料", "就读学校", "就读学段", "核查人", "核查人电话", "措施", "限期日期", "备注"}

// visit is one row of a returned 核查表; outcome "" is a row not visited.
type visit struct {
	c                       *child
	day                     date
	outcome, evidence       string
	school, level, measures string
	deadline                date
}

// writeFollowups writes the returned 核查表 files and counts their rows.
func (g *gen) writeFollowups(dir string) ([]FileInfo, error) {
	if g.years < 2 {
		return nil, nil
	}
	years := make([][]visit, g.years-1)
	never, moved, vanished := 0, 0, 0
	for i := 0; i < min(g.m, followupScan); i++ {
		c := &child{}
		g.compute(c, i)
		if !c.local || c.idType >= 0 {
			continue
		}
		switch {
		case c.ev.kind == evNever && c.ev.v1 != neverLeavesRegister && c.age(g.first) >= 6 && c.age(g.first) <= 14:
			g.neverVisits(years, c, never)
			never++
		case c.ev.kind == evDropUnreg && c.ev.v1 == vanishTerm2 && c.ev.y-g.first < len(years) && c.ev.y >= g.first:
			g.vanishedVisit(years, c, vanished)
			vanished++
		case moved < 3:
			if g.movedVisit(years, c) {
				moved++
			}
		}
	}
	var out []FileInfo
	for yi, vs := range years {
		if len(vs) == 0 {
			continue
		}
		y := g.first + yi
		name := fmt.Sprintf("核查表_%d-%d学年_返回_%s.xlsx", y, y+1, g.opt.TownName)
		if err := g.writeFollowupBook(filepath.Join(dir, name), vs); err != nil {
			return nil, err
		}
		out = append(out, FileInfo{Name: name, Kind: "followup", Rows: len(vs), Format: formatNames[fmtXLSX]})
		g.facts["followup_files"]++
	}
	return out, nil
}

// neverVisits plans the visits to the k-th never-enrolled child.
func (g *gen) neverVisits(years [][]visit, c *child, k int) {
	last := len(years) - 1
	oct := func(yi int) date { return date{g.first + yi, 10, 15 + k%10} }
	mar := func(yi int) date { return date{g.first + yi + 1, 3, 5 + k%10} }
	switch k {
	case 0:
		years[0] = append(years[0], visit{c: c, day: mar(0), outcome: "已死亡", evidence: "是", measures: "取得死亡证明复印件"})
	case 1:
		years[last] = append(years[last], visit{c: c, day: oct(last), outcome: "拒不入学", evidence: "否",
			measures: "镇政府送达责令限期改正通知书", deadline: oct(last).addDays(30)})
	case 2:
		years[last] = append(years[last], visit{c: c, day: oct(last), outcome: "拒不入学", evidence: "否",
			measures: "镇政府送达责令限期改正通知书", deadline: oct(last).addDays(30)},
			visit{c: c, day: mar(last), outcome: "劝返中", evidence: "否", measures: "监护人同意下学期送孩子入学"})
	case 3:
		years[0] = append(years[0], visit{c: c, day: oct(0), outcome: "户籍已迁出", evidence: "是", measures: "取得户口迁移证明"})
	default:
		for yi := range years {
			if (k+yi)%2 == 0 {
				years[yi] = append(years[yi], visit{c: c})
			} else {
				years[yi] = append(years[yi], visit{c: c, day: oct(yi), outcome: "劝返中", evidence: "否", measures: "入户家访"})
			}
		}
	}
	g.facts["followup_never_enrolled"]++
}

// vanishedVisit plans the visit to the k-th pupil who vanished from the
// term-2 roster of the event year: listed (学籍消失, 疑似辍学) at that term,
// visited in April of the same school year. Every other row is left blank;
// the rest say 已劝返复学, which closes nothing until a roster shows the
// pupil (人账相符).
func (g *gen) vanishedVisit(years [][]visit, c *child, k int) {
	yi := c.ev.y - g.first
	if k%2 == 0 {
		years[yi] = append(years[yi], visit{c: c})
	} else {
		years[yi] = append(years[yi], visit{c: c, day: date{c.ev.y + 1, 4, 10}, outcome: "已劝返复学", evidence: "否",
			measures: "班主任、包组干部两次家访"})
	}
	g.facts["followup_vanished"]++
}

// movedVisit plans proof of schooling elsewhere for a child who left
// without proof two years running; false when the child did not.
func (g *gen) movedVisit(years [][]visit, c *child) bool {
	for yi := 1; yi < len(years); yi++ {
		a := c.age(g.first + yi)
		if c.mig[yi-1] != migOutNoProof || c.mig[yi] != migOutNoProof || a < 7 || a > 14 {
			continue
		}
		level := "小学"
		if a >= 12 {
			level = "初中"
		}
		school := "广东省东莞市长安镇第" + strconv.Itoa(1+c.idx%5) + map[string]string{"小学": "小学", "初中": "中学"}[level]
		years[yi] = append(years[yi], visit{c: c, day: date{g.first + yi, 11, 20}, outcome: "在外地就读", evidence: "是",
			school: school, level: level, measures: "电话联系家长，取得就读证明"})
		g.facts["followup_found_elsewhere"]++
		return true
	}
	return false
}

// writeFollowupBook writes one returned 核查表.
func (g *gen) writeFollowupBook(path string, vs []visit) error {
	f := excelize.NewFile()
	defer f.Close()
	s := "核查表"
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	if err := f.SetSheetRow(s, "A1", &followupHeaders); err != nil {
		return err
	}
	for i, v := range vs {
		gender := "女"
		if v.c.male {
			gender = "男"
		}
		row := []any{strconv.Itoa(v.c.group), v.c.name, v.c.id, gender, v.c.birth.iso()}
		if v.outcome == "" {
			row = append(row, "", "", "", "", "", "", "", "", "", "未走访")
			g.facts["followup_unvisited"]++
		} else {
			dl := ""
			if !v.deadline.isZero() {
				dl = v.deadline.iso()
			}
			row = append(row, v.day.iso(), v.outcome, v.evidence, v.school, v.level,
				g.villages[v.c.village].groupCadres[v.c.group-1], "", v.measures, dl, "")
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(s, cell, &row); err != nil {
			return err
		}
		g.facts["followup_rows"]++
	}
	return f.SaveAs(path)
}
