package reports

import (
	"path/filepath"
	"strings"
	"testing"
)

// The early-warning pages of the fixture town (fixture_warning_test.go):
// the head teacher's list says each signal in words with its line, and
// names guardian and phone; the cadre's list groups the same pupils by
// village; the public page has counts and the backtest only.
func TestWarningPages(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	read := func(p string) string { return readFile(t, filepath.Join(dir, filepath.FromSlash(p))) }
	checks := []struct {
		page string
		want []string
		not  []string
	}{
		{"restricted/warning.html", []string{
			"<h3>四年级1班 · 班主任 郭红梅</h3>",
			"<td class=\"nm\">刘小雨<td class=\"l\">440101201603030011<td class=\"l\">中（4分）<td class=\"l\">本学期无故缺勤 12%（≥10%）；双亲外出留守<td class=\"l\">刘大山<td class=\"l\">13800005555",
			"曾辍学返校；超龄2岁；重读本年级；本学期无考勤（缺勤情况未知）",
			"11月无故缺勤 25%（≥20%）；建档立卡贫困户；本学期转学（原示范镇东山小学）",
		}, []string{"林小花"}},
		{"restricted/warning_villages.html", []string{
			"<h2>东山村（441302101201） · 包村干部 刘建国</h2>",
			"<h2>西岭村（441302101202） · 包村干部 马永</h2>",
			"<h2>户籍不在本镇或不详</h2>",
		}, []string{"林小花"}},
		{"restricted/care.html", []string{
			"<td class=\"nm\">陈小兰<td class=\"l\">440101201901010055<td class=\"l\">大班1班<td class=\"l\">孤儿、残疾（听力残疾）<td class=\"l\">郑园长<td class=\"l\">陈奶奶<td class=\"l\">13800009999<td class=\"l\">未预警",
			"<td class=\"l fail\">中",
		}, nil},
		{"restricted/index.html", []string{"（2025-2026学年第一学期，高 1 人，中 2 人）", "关爱台账</a>（3 人）"}, nil},
		{"public/early_warning.html", []string{
			"<td>2144000001<td>示范镇中心小学<td>1<td>1<td>1<td>1",
			"<td>合计<td><td>1<td>2<td>1<td>1",
			"<td>2024-2025学年<td>6<td>2<td>33.3%<td>10<td>2<td>20.0%",
			"不说明原因",
		}, []string{"刘小雨", "何小军", "马小龙"}},
	}
	for _, c := range checks {
		html := read(c.page)
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", c.page, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(html, n) {
				t.Errorf("%s holds %s", c.page, n)
			}
		}
	}
}
