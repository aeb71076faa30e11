package reports

import (
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsxText returns every cell of a workbook as text, for scans.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatalf("rows %s: %v", sh, err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

var (
	sectionRe = regexp.MustCompile(`(?s)<section class="sheet">(.*?)</section>`)
	rowRe     = regexp.MustCompile(`<tr>(<td.*?)(?:<tr>|</tbody>|</table>)`)
	cellRe    = regexp.MustCompile(`<td[^>]*>([^<]*)`)
)

// htmlTables returns the td rows of each printable section of a page.
func htmlTables(page string) [][][]string {
	var out [][][]string
	for _, sec := range sectionRe.FindAllStringSubmatch(page, -1) {
		var rows [][]string
		body := strings.ReplaceAll(sec[1], "<tr>", "</tr><tr>")
		for _, r := range strings.Split(body, "</tr>") {
			if !strings.HasPrefix(r, "<tr><td") {
				continue
			}
			var cells []string
			for _, c := range cellRe.FindAllStringSubmatch(r, -1) {
				v := html.UnescapeString(c[1])
				if v == "—" {
					v = ""
				}
				cells = append(cells, v)
			}
			rows = append(rows, cells)
		}
		out = append(out, rows)
	}
	return out
}

// The bulletin workbook holds the same tables, cell for cell, as the
// bulletin page.
func TestBulletinWorkbookMatchesPage(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	for _, slug := range []string{"bulletin-2024-1", "bulletin-2024-2", "bulletin-2025-1"} {
		page := readFile(t, filepath.Join(dir, "public", slug+".html"))
		tables := htmlTables(page)
		f, err := excelize.OpenFile(filepath.Join(dir, "public", slug+".xlsx"))
		if err != nil {
			t.Fatalf("open %s: %v", slug, err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != len(tables) || sheets[0] != "汇总" || sheets[1] != "各校情况" {
			t.Fatalf("%s: sheets %q, page sections %d", slug, sheets, len(tables))
		}
		for i, sh := range sheets {
			rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			rows = rows[2:] // title and header
			if len(rows) != len(tables[i]) {
				t.Fatalf("%s/%s: %d rows, page has %d", slug, sh, len(rows), len(tables[i]))
			}
			for r, row := range rows {
				for c, want := range tables[i][r] {
					got := ""
					if c < len(row) {
						got = row[c]
					}
					if strings.HasSuffix(want, "%") && got != "" && !strings.HasSuffix(got, "%") {
						v, err := strconv.ParseFloat(got, 64)
						if err != nil {
							t.Fatalf("%s/%s: rate %q: %v", slug, sh, got, err)
						}
						got = fmt.Sprintf("%.1f%%", v*100) // stored as a fraction
					}
					if got != want {
						t.Errorf("%s/%s row %d col %d: workbook %q, page %q", slug, sh, r+1, c+1, got, want)
					}
				}
			}
		}
		f.Close()
	}
	// a spot check that the comparison compared numbers
	page := readFile(t, filepath.Join(dir, "public", "bulletin-2024-2.html"))
	for _, want := range []string{
		`<td>示范镇中心小学<td class="l">小学<td class="l">已报送<td>608<td>4<td>1<td>3<td class="ok">0.5%<td class="ok">达标<td>2<td>1<td>11`,
		// a 九年一贯制 school: one line per level, the 小学 vetoed, the 初中 not
		`<td>石桥九年一贯制学校<td class="l">小学<td class="l">已报送<td>174<td>2<td>0<td>2<td class="veto">1.1%<td class="veto">一票否决<td>2<td>0<td>5`,
		`<td>石桥九年一贯制学校<td class="l">初中<td class="l">已报送<td>90<td>0<td>0<td>0<td class="ok">0.0%<td class="ok">达标<td>0<td>0<td>3`,
		`<td>示范镇西岭教学点<td class="l">小学<td class="l">未报送<td>—<td>—<td>—<td>—<td>—<td class="l">无数据`,
		`<span class="veto">石桥九年一贯制学校（小学 1.1%）</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("bulletin page lacks %s", want)
		}
	}
}

// In the bulletin workbook a vetoed level's rate and status are red (the
// veto fill of the page), a level that meets its line green.
func TestBulletinWorkbookMarksVeto(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	f, err := excelize.OpenFile(filepath.Join(dir, "public", "bulletin-2024-2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("各校情况")
	if err != nil {
		t.Fatal(err)
	}
	fills := map[string]string{}
	for r, row := range rows {
		if len(row) < 10 || row[1] != "石桥九年一贯制学校" {
			continue
		}
		for _, col := range []string{"I", "J"} {
			cell := fmt.Sprintf("%s%d", col, r+1)
			id, err := f.GetCellStyle("各校情况", cell)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil || len(st.Fill.Color) == 0 || st.Font == nil {
				t.Fatalf("%s: style %+v (%v)", cell, st, err)
			}
			fills[row[2]+col] = st.Fill.Color[0] + "/" + st.Font.Color
		}
	}
	want := map[string]string{"小学I": "FDE2E1/8F1D16", "小学J": "FDE2E1/8F1D16",
		"初中I": "E3F4E8/1E5E32", "初中J": "E3F4E8/1E5E32"}
	for k, w := range want {
		if fills[k] != w {
			t.Errorf("石桥九年一贯制学校 %s: fill/font %q, want %q", k, fills[k], w)
		}
	}
}

// Identity and phone numbers are text cells, every digit kept.
func TestWorkbooksStoreNumbersAsText(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	for _, c := range []struct{ file, sheet, cell, want string }{
		{"unaccounted.xlsx", "应入学未入学名单", "G3", "440101201801010077"},
		{"unaccounted.xlsx", "应入学未入学名单", "M3", "13800001111"},
		{"dropouts.xlsx", "辍学学生", "H3", "440101201503150011"},
		{"quarantine.xlsx", "隔离数据清单", "E3", "44010120120315001X"},
	} {
		f, err := excelize.OpenFile(filepath.Join(dir, "restricted", c.file))
		if err != nil {
			t.Fatalf("open %s: %v", c.file, err)
		}
		got, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil || got != c.want {
			t.Errorf("%s %s!%s = %q (%v), want %q", c.file, c.sheet, c.cell, got, err, c.want)
		}
		typ, err := f.GetCellType(c.sheet, c.cell)
		if err != nil || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
			t.Errorf("%s %s!%s type %v (%v), want a string cell", c.file, c.sheet, c.cell, typ, err)
		}
		f.Close()
	}
	all := xlsxText(t, filepath.Join(dir, "restricted", "quarantine.xlsx"))
	if !strings.Contains(all, "44010120120315001X") {
		t.Errorf("quarantine workbook lacks the identity number")
	}
}

// The semester-start report carries a 应对措施 sheet pre-filled from the
// cases of each violating scope, with blank rows to add to.
func TestReportWorkbook(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	f, err := excelize.OpenFile(filepath.Join(dir, "public", "report-2025-1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"主要指标", "在校生与未入学", "未达标与一票否决", "劝返未销号", "应对措施"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows("应对措施")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || strings.Join(rows[1], ",") != "序号,存在问题,应对措施,责任单位及责任人,完成时限" {
		t.Fatalf("应对措施 header %q", rows)
	}
	// Pre-filled from the fixture's cases (fixture_cases_test.go): the town
	// has 4 open (陈小红 and 孙丽 限期改正, 陈小红's overdue), 2 closed this
	// term (李四, 欧阳小芳); 东山村 3 open, 1 order, overdue, 1 closed;
	// 西岭村 孙丽's order, 李四 closed. Measures are the open cases'
	// latest, distinct, in code-point order.
	town := "未销号个案 4 起，其中责令限期改正 2 起（逾期未改正 1 起）；本学期销号 2 起；已采取措施：班主任家访；送达责令限期改正通知书；送达通知书"
	east := "未销号个案 3 起，其中责令限期改正 1 起（逾期未改正 1 起）；本学期销号 1 起；已采取措施：班主任家访；送达责令限期改正通知书"
	west := "未销号个案 1 起，其中责令限期改正 1 起（逾期未改正 0 起）；本学期销号 1 起；已采取措施：送达通知书"
	var got []string
	for _, r := range rows[2:] {
		if strings.Join(r, "") != "" {
			got = append(got, strings.Join(r, "|"))
		}
	}
	want = []string{
		"1|示范镇 小学学龄人口入学率 未达标（99.2%）|" + town + "|镇教育办",
		"2|东山村 小学学龄人口入学率 未达标（99.3%）|" + east + "|东山村包村干部、包组干部",
		"3|西岭村 小学学龄人口入学率 未达标（99.0%）|" + west + "|西岭村包村干部、包组干部",
		"4|西岭村 每村一所幼儿园或学前班 未达标（无）|" + west + "|西岭村包村干部、包组干部",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("应对措施 rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	viol, _ := f.GetRows("未达标与一票否决")
	if len(viol) != 2+4 { // town 小学入学率, 西岭村 and 东山村 入学率, 西岭村幼儿园
		t.Errorf("violations rows %d: %q", len(viol)-2, viol)
	}
	cases, _ := f.GetRows("劝返未销号")
	if last := cases[len(cases)-1]; strings.Join(last, ",") != ",合计,3,0,1,4" {
		t.Errorf("open cases total %q", last)
	}
}
