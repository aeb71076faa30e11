package reports

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

var urlAttr = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*["']([^"']*)["']`)

func TestEveryURLIsRelative(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t))
	for _, page := range site.Pages {
		html := readFile(t, filepath.Join(dir, page))
		urls := urlAttr.FindAllStringSubmatch(html, -1)
		if len(urls) == 0 {
			t.Errorf("%s: no href/src found", page)
		}
		for _, m := range urls {
			checkRelativeURL(t, dir, page, m[1])
		}
		for _, bad := range []string{"http://", "https://", "url("} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains %q", page, bad)
			}
		}
	}
	for _, f := range []string{"public/assets/style.css", "public/assets/charts.js"} {
		s := readFile(t, filepath.Join(dir, f))
		for _, bad := range []string{"http://", "https://", "url(", "fetch(", "XMLHttpRequest"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
}

// checkRelativeURL fails unless u is a relative path that stays inside the
// page's tier and names a file that exists.
func checkRelativeURL(t *testing.T, dir, page, u string) {
	t.Helper()
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "\\") || strings.Contains(u, ":") {
		t.Errorf("%s: URL %q is not relative", page, u)
		return
	}
	target := path.Join(path.Dir(page), u)
	tierName := strings.SplitN(page, "/", 2)[0]
	if !strings.HasPrefix(target, tierName+"/") {
		t.Errorf("%s: URL %q leaves its tier", page, u)
		return
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
		t.Errorf("%s: URL %q names no written file: %v", page, u, err)
	}
}

func TestPagesHead(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t))
	for _, page := range site.Pages {
		html := readFile(t, filepath.Join(dir, page))
		for _, want := range []string{
			`<html lang="zh-CN">`,
			`<meta charset="utf-8">`,
			`<meta name="viewport" content="width=device-width, initial-scale=1">`,
			`<link rel="stylesheet" href="assets/style.css">`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}

func TestPublicIndexContent(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	html := readFile(t, filepath.Join(dir, "public", "index.html"))
	for _, want := range []string{
		"<h1>示范镇控辍保学监测</h1>",
		`<div class="chart" id="chart-school-enrolment" data-option="chart-school-enrolment-option"`,
		`<script type="application/json" id="chart-school-enrolment-option">`,
		`<div class="chart" id="chart-term-enrolment" data-option="chart-term-enrolment-option"`,
		"<td>示范镇初级中学</td><td>初中</td><td class=\"num\">470</td>",
		"<td>2024-2025学年第二学期</td><td class=\"num\">1204</td>",
		"<dt>已装载文件</dt><dd>3</dd>", "<dt>重复跳过文件</dt><dd>1</dd>",
		"<dt>拒收文件</dt><dd>1</dd>", "<dt>隔离数据行</dt><dd>5</dd>",
		"数据截至：2025-2026学年第一学期（最近一次装载：2025-10-10 11:30）",
		"运行编号：run-20251010-0001",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("public index lacks %s", want)
		}
	}
	if strings.Contains(html, "仅限工作人员使用") || strings.Contains(html, "privacy-banner") {
		t.Errorf("public index carries the restricted banner")
	}
}

func TestRestrictedPages(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	const banner = "含个人信息，仅限工作人员使用，不得外传"
	for _, page := range []string{"index.html", "quarantine.html"} {
		html := readFile(t, filepath.Join(dir, "restricted", page))
		if !strings.Contains(html, banner) {
			t.Errorf("restricted/%s lacks the banner", page)
		}
	}
	index := readFile(t, filepath.Join(dir, "restricted", "index.html"))
	if !strings.Contains(index, `<a href="quarantine.html">隔离数据清单</a>（5 条）`) {
		t.Errorf("restricted index does not list the quarantine page with its count")
	}
	q := readFile(t, filepath.Join(dir, "restricted", "quarantine.html"))
	row := `<tr><td>学籍名册_2025秋.xlsx</td><td>初中</td><td class="num">17</td><td>身份证号</td>` +
		`<td class="value">44010120120315001X</td><td>身份证号校验位不符，请核对后更正</td></tr>`
	if !strings.Contains(q, row) {
		t.Errorf("quarantine page lacks row %s", row)
	}
	if !strings.Contains(q, `<td>户籍人口_示例.csv</td><td></td><td class="num">88</td>`) {
		t.Errorf("quarantine page should show an empty sheet for a CSV file")
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
	for _, want := range []string{"ECharts 脚本缺失", "make assets", "reports/assets/dist/echarts.min.js"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestBuildRefusesNonEmptyStaging(t *testing.T) {
	db := newTestDB(t)
	dir, _ := buildSite(t, db)
	if _, err := Build(t.Context(), db, dir, testOptions); err == nil {
		t.Errorf("second Build into the same dir succeeded, want an error")
	}
}

func TestTermLabel(t *testing.T) {
	for _, tc := range []struct {
		year, term int
		want       string
	}{
		{2025, 1, "2025-2026学年第一学期"},
		{2024, 2, "2024-2025学年第二学期"},
		{2024, 3, "2024-2025学年第3学期"},
	} {
		if got := NewTerm(tc.year, tc.term).Label; got != tc.want {
			t.Errorf("NewTerm(%d, %d).Label = %q, want %q", tc.year, tc.term, got, tc.want)
		}
	}
}
