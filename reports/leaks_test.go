package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"dropwatch/privacy"
)

// Free text on public pages passes the same scan-and-mask as names: a
// rejected or quarantined file named with a child's name (张小明 is in the
// fixture's population), number and phone, a 组 cell holding a phone, an
// alert quoting a number. Before, the file names and the group were
// printed as they were (fails on the old quality.go and village.go).
func TestPublicMasksFreeText(t *testing.T) {
	hostile := "张小明_440101201503150011_13900002222.xlsx"
	db := newTestDB(t,
		`INSERT INTO audit.loads VALUES (90, '`+hostile+`', 'ff90', NULL, 0, 0, 0, 'rejected', '无法识别文件类型', TIMESTAMP '2025-10-10 12:00:00'),
			(91, '`+hostile+`', 'ff90', NULL, 0, 0, 0, 'skipped_duplicate', '与装载号 90 内容相同', TIMESTAMP '2025-10-10 12:01:00')`,
		`INSERT INTO audit.quarantine VALUES (92, '`+hostile+`', 'Sheet1', 2, '身份证件号', '1', '身份证件号校验位错误')`,
		`INSERT INTO mart.unaccounted_children VALUES
			(2024, 2, '440101201801010093', '王小丽', '女', DATE '2018-01-01', 6, '441302101201', '东山村', '13900003333', '学籍消失', '刘建国', '何美', '王强', '13900004444', 1)`)
	opt := testOptions
	opt.Alerts = []string{"夜间任务失败：联系 13900002222，证件 440101201503150011"}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Build(t.Context(), db, dir, opt); err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, f := range walkFiles(t, filepath.Join(dir, "public")) {
		if strings.HasSuffix(f, ".js") {
			continue
		}
		s := readFile(t, f)
		if strings.HasSuffix(f, ".xlsx") {
			s = xlsxText(t, f)
		}
		seen = seen || strings.Contains(s, "张*明_…_….xlsx")
		if m := privacy.IDNumberLike.FindString(s); m != "" {
			t.Errorf("%s holds identity-number-like %q", f, m)
		}
		if m := privacy.PhoneLike.FindString(s); m != "" {
			t.Errorf("%s holds phone-like %q", f, m)
		}
		if strings.HasSuffix(f, "quality.html") && strings.Contains(s, "张小明") {
			t.Errorf("%s names 张小明 unmasked", f)
		}
	}
	if !seen {
		t.Error("the rejected file is not listed, masked, on the public pages")
	}
}

// On a village page (below town level) a count of 1 or 2 children on the
// list reads "<3". The fixture's 东山村 lists, in (2024,2), 陈小红 (组 1,
// 从未入学) and 张小明 (组 2, 已登记辍学): every count there is 1 or 2.
// Before, the page printed "1" beside each group and its cadre.
func TestVillageSmallCellsSuppressed(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	page := readFile(t, filepath.Join(dir, "public", "villages", "441302101201.html"))
	main := page[strings.Index(page, "<h2>应入学未入学儿童"):strings.Index(page, "<h2>入学率")]
	if !strings.Contains(main, "&lt;3") {
		t.Fatalf("no suppressed cell in %s", main)
	}
	for _, c := range []string{"<td>1\n", "<td>2\n", "<strong>2</strong>", "<strong>1</strong>", " 1 ", " 2<"} {
		if strings.Contains(main, c) {
			t.Errorf("the village list shows a small count %q:\n%s", c, main)
		}
	}
}
