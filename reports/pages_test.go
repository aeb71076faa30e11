package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"dropwatch/privacy"
	"dropwatch/reports/reporttest"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestEveryURLIsRelative(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t))
	for _, page := range site.Pages {
		if reporttest.CheckPage(t, dir, page, readFile(t, filepath.Join(dir, page))) == 0 {
			t.Errorf("%s: no href/src found", page)
		}
	}
	for _, f := range []string{"public/assets/style.css", "public/assets/charts.js"} {
		s := readFile(t, filepath.Join(dir, f))
		for _, bad := range []string{"http://", "https://", "url(", "fetch(", "XMLHttpRequest", "@import"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
}

func TestPagesHead(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t))
	for _, page := range site.Pages {
		html := readFile(t, filepath.Join(dir, page))
		css := `<link rel="stylesheet" href="assets/style.css">`
		if strings.Count(page, "/") == 2 {
			css = `<link rel="stylesheet" href="../assets/style.css">`
		}
		for _, want := range []string{
			`<!DOCTYPE html><html lang="zh-CN">`,
			`<meta charset="utf-8">`,
			`<meta name="viewport" content="width=device-width, initial-scale=1">`,
			css,
			"数据截至", "运行编号",
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}

func TestDashboardContent(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	html := readFile(t, filepath.Join(dir, "public", "index.html"))
	for _, want := range []string{
		"<h1>示范镇控辍保学监测</h1>",
		// latest year's figures, 未达标 before 达标
		`<td>小学学龄人口入学率<td class="fail">99.2%<td>595/600<td>≥ 99.5%<td class="fail">未达标`,
		`<td>初中学龄人口入学率<td class="ok">96.2%<td>452/470<td>≥ 95%<td class="ok">达标`,
		// trends, with the line marked on the chart: the primary dropout
		// rate's 达标线 and 一票否决线 are both 0.5, one line named twice
		`id="chart-trend-3"`, `"markLine":{"data":[{"name":"达标线、一票否决线","yAxis":0.5}]`,
		`<tr><td>2024-2025学年<td class="veto">0.5% <small>4/760</small>`, "达标线：≤ 0.5%（&gt; 0.5% 一票否决）",
		// dropouts by reason, level, gender, group
		"<td>厌学<td>1", "<td>未登记（疑似辍学）<td>2", "<td>小学<td>4", "<td>初中<td>2",
		"<td>男<td>3", "<td>女<td>3", "<td>留守儿童<td>3", "<td>随迁子女<td>1", "<td>残疾儿童<td>1", "<td>贫困家庭<td>2",
		"<dt>其中疑似数据错误</dt><dd>1</dd>",
		"<td>2024-2025学年第二学期<td>1204",
		// mart.term_graduated_early has 12 for (2024,2): the fall is explained
		"2024-2025学年第二学期名册中已有 12 名六、九年级学生标为毕业",
		`<a href="bulletin-2024-2.html">2024-2025学年第二学期学期通报</a>`,
		`<a href="report-2025-1.xlsx">Excel 表格</a>`,
		"<dt>待核实的数据问题</dt><dd>2</dd>",
		"<dt>已装载文件</dt><dd>3</dd>", "<dt>最近一次运行拒收的文件</dt><dd>1</dd>", "<dt>隔离数据行</dt><dd>5</dd>",
		"数据截至：2025-2026学年第一学期（最近一次装载：2025-10-10 11:30）",
		"运行编号：<code>run-20251010-0001</code>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	if i, j := strings.Index(html, "未达标"), strings.Index(html, `<td class="ok">达标`); i < 0 || j < i {
		t.Errorf("dashboard does not put 未达标 before 达标")
	}
	if strings.Contains(html, "仅限工作人员使用") || strings.Contains(html, "privacy-banner") {
		t.Errorf("public index carries the restricted banner")
	}
}

func TestSchoolAndVillagePages(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	school := readFile(t, filepath.Join(dir, "public", "schools", "2144000001.html"))
	for _, want := range []string{
		"<h1>示范镇中心小学</h1>", "<tr><th>年级<th>24-25第一学期<th>24-25第二学期<th>25-26第一学期",
		"<tr><td>一年级<td>102<td>102<td>100", "<tr><th>合计<th>612<th>608<th>598",
		`id="chart-school-dropout"`, "<h2>年级流动（2024-2025学年）</h2>",
		"<tr><td>六年级<td>98<td>96<td>0<td>1<td>1<td>0<td>98.0%<td>0.0%<td>2.0%",
		`<tr><td>24-25第二学期<td>小学<td>608<td>4<td>1<td>3<td class="ok">0.5%<td class="ok">达标<td>2<td>1<td>11`,
	} {
		if !strings.Contains(school, want) {
			t.Errorf("school page lacks %s", want)
		}
	}
	village := readFile(t, filepath.Join(dir, "public", "villages", "441302101201.html"))
	for _, want := range []string{
		"<h1>东山村</h1>", "<strong>3</strong> 名 6-15 周岁儿童未落实就学，包村干部 刘*国",
		// Counts of 1 or 2 children read "<3" below town level.
		"<tr><td>已登记辍学<td>&lt;3", "<tr><td>1<td>黄*强<td>&lt;3", "<tr><td>2<td>何*<td>&lt;3",
		"各学期：24-25第一学期 &lt;3 · 24-25第二学期 &lt;3 · 25-26第一学期 3",
		`<td>小学学龄人口入学率<td class="fail">99.3%<td>298/300<td>≥ 99.5%`,
		"<tr><th>周岁<th>7<th>8<th>10<th>合计<tr><th>人数<td>1<td>2<td>1<td>4",
	} {
		if !strings.Contains(village, want) {
			t.Errorf("village page lacks %s", want)
		}
	}
}

func TestRestrictedPages(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t))
	const banner = "含个人信息，仅限工作人员使用，不得外传"
	for _, page := range site.Pages {
		if strings.HasPrefix(page, "restricted/") {
			html := readFile(t, filepath.Join(dir, page))
			if !strings.Contains(html, banner) || !strings.Contains(html, `<meta name="robots" content="noindex, nofollow">`) {
				t.Errorf("%s lacks the personal-data banner or noindex", page)
			}
		}
	}
	index := readFile(t, filepath.Join(dir, "restricted", "index.html"))
	if !strings.Contains(index, `<a href="quarantine.html">隔离数据清单</a>（5 条）`) {
		t.Errorf("restricted index does not list the quarantine page with its count")
	}
	q := readFile(t, filepath.Join(dir, "restricted", "quarantine.html"))
	row := `<tr><td>学籍名册_2025秋.xlsx</td><td>初中</td><td class="num">17</td><td>身份证号</td>` +
		`<td class="value">44010120120315001X</td>`
	if !strings.Contains(q, row) {
		t.Errorf("quarantine page lacks row %s", row)
	}
	v := readFile(t, filepath.Join(dir, "restricted", "villages", "441302101201.html"))
	for _, want := range []string{"<td class=\"nm l\">陈小红<td class=\"l\">440101201801010077", "13800001111", "黄志强", "3 学期"} {
		if !strings.Contains(v, want) {
			t.Errorf("restricted village list lacks %s", want)
		}
	}
	d := readFile(t, filepath.Join(dir, "restricted", "dropouts.html"))
	for _, want := range []string{"张小明", "班主任家访；责任人 郑老师 13511112222，劝返 2 次", "钱多多", "（疑似数据错误）"} {
		if !strings.Contains(d, want) {
			t.Errorf("dropout list lacks %s", want)
		}
	}
	h := readFile(t, filepath.Join(dir, "restricted", "handoff.html"))
	if !strings.Contains(h, "梁晨（无交接记录）") || strings.Contains(h, "高远") {
		t.Errorf("handoff list should name 梁晨 (no row) and leave out 高远 (on time)")
	}
	if _, err := os.Stat(filepath.Join(dir, "restricted", "assets", "echarts.min.js")); !os.IsNotExist(err) {
		t.Errorf("restricted tier has no charts and should not carry echarts.min.js (stat: %v)", err)
	}
}

func TestMissingChartScript(t *testing.T) {
	fsys := fstest.MapFS{
		"assets/style.css":      {Data: []byte("body{}")},
		"assets/charts.js":      {Data: []byte("")},
		"assets/dist/README.md": {Data: []byte("readme")},
	}
	_, _, err := loadAssets(fsys)
	if !errors.Is(err, errNoChartScript) {
		t.Fatalf("loadAssets without echarts.min.js: err = %v, want errNoChartScript", err)
	}
}

func TestBuildRefusesNonEmptyStaging(t *testing.T) {
	db := newTestDB(t)
	dir, _ := buildSite(t, db)
	if _, err := Build(t.Context(), db, dir, testOptions); err == nil {
		t.Errorf("second Build into the same dir succeeded, want an error")
	}
}

func TestFormatting(t *testing.T) {
	for in, want := range map[string]string{"张小明": "张*明", "张三": "张*", "欧阳小明": "欧**明", "张": "*", "": ""} {
		if got := privacy.MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"身份证号校验位错误（最后一位按前17位算应为2）：请核对号码":     "身份证号校验位错误",
		"与学籍名册第 17 行重复，联系人电话 13912345678":    "与学籍名册第 17 行重复，联系人电话 …",
		"出生日期与身份证号中的出生日期（2013-03-10）不一致：请核对": "出生日期与身份证号中的出生日期不一致",
	} {
		if got := reasonCategory(in); got != want {
			t.Errorf("reasonCategory(%q) = %q, want %q", in, got, want)
		}
	}
	v := 99.45
	if got := pct(&v); got != "99.5%" && got != "99.4%" {
		t.Errorf("pct = %q", got)
	}
	if got := NewTerm(2025, 1).Label; got != "2025-2026学年第一学期" {
		t.Errorf("term label %q", got)
	}
	if got := NewTerm(2025, 2).Short(); got != "25-26第二学期" {
		t.Errorf("short term %q", got)
	}
	if got := yearShort(2009); got != "09-10学年" {
		t.Errorf("short year %q", got)
	}
	if got := fileName("../x"); strings.Contains(got, "/") || !strings.HasSuffix(got, ".html") {
		t.Errorf("fileName(../x) = %q", got)
	}
	if got := string(compact([]byte("<p>\n  <b>x</b>\n</p>\n"))); got != "<p><b>x</b></p>" {
		t.Errorf("compact = %q", got)
	}
}

// TestOpenCasesOneFigure: the restricted index and the county report print
// the same 劝返台账未销号个案. The fixture's mart.persuasion has 5 cases; 欧阳小芳's
// is 已销号 (she returned), so 4 are open: 张小明 (中心小学, 劝返中), 赵大勇
// (无法劝返), 孙丽 and 钱多多 (初级中学, 劝返中) — 1 + 3 by school.
func TestOpenCasesOneFigure(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	idx := readFile(t, filepath.Join(dir, "restricted", "index.html"))
	if !strings.Contains(idx, "劝返台账未销号个案 4 起") {
		t.Errorf("restricted index lacks 劝返台账未销号个案 4 起")
	}
	report := readFile(t, filepath.Join(dir, "public", "report-2025-1.html"))
	i := strings.Index(report, "劝返台账未销号个案（按学校）")
	if i < 0 {
		t.Fatal("report lacks its open-cases table")
	}
	j := strings.Index(report[i:], "<td>合计")
	if j < 0 {
		t.Fatal("open-cases table lacks its 合计 row")
	}
	row := report[i+j:]
	row = row[:strings.Index(row, "</tbody>")]
	if !strings.HasSuffix(row, "<td>4") {
		t.Errorf("report's 合计 row %q, want it to end with 4 like the restricted index", row)
	}
}
