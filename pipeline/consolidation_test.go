package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestConsolidation checks mart.consolidation (九年义务教育巩固率,
// docs/indicators.md decision 12) on a town of its own with nine years
// between its two files: the rosters of (2016,1) and the graduate file of
// 2024. The fixture town's directories are reused.
//
// R(2016,1), 在读 at grade 1 (the cohort), by school:
//
//	P: J1 魏泽楷, J2 陶雨涵, A1 邓一鸣, A3 邓二鸣, PP 马可 (护照 P7654321) = 5
//	N: N1 姜博文, A2 邓三鸣 = 2;   M9 何九 is 在读 at grade 2 (not the cohort)
//
// Graduates of 2024: J1, J2 (J), N1 (N), M9 (J, came from another cohort).
//
//	town: 4 graduates / 7 entrants = 57.142857%: the statistician's count
//	      formula takes every graduate, movers in included.
//	P:    of its 5 entrants, J1 and J2 graduated = 2/5 = 40% (PP's passport
//	      cannot be matched in the graduate file).
//	N:    of its 2 entrants, N1 graduated = 1/2 = 50%.
func TestConsolidation(t *testing.T) {
	root := t.TempDir()
	inbox := filepath.Join(root, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"村居名录.csv", "学校名录.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixturetown", name))
		if err != nil {
			t.Fatal(err)
		}
		writeInbox(t, inbox, name, string(b))
	}
	writeInbox(t, inbox, "学籍名册_2016_1.csv", `学年,学期,学校标识码,姓名,性别,出生日期,身份证件类型,身份证件号,年级,班级,学籍状态
2016,1,`+fxP+`,魏泽楷,男,2010-02-02,,`+child["J1"]+`,1,1,在读
2016,1,`+fxP+`,陶雨涵,女,2010-07-07,,`+child["J2"]+`,1,1,在读
2016,1,`+fxP+`,邓一鸣,男,2010-03-03,,430521201003033319,1,1,在读
2016,1,`+fxP+`,邓二鸣,男,2010-04-04,,430521201004043412,1,2,在读
2016,1,`+fxP+`,马可,男,2010-06-06,护照,P7654321,1,2,在读
2016,1,`+fxN+`,姜博文,男,2009-12-25,,`+child["N1"]+`,1,1,在读
2016,1,`+fxN+`,邓三鸣,男,2010-05-05,,430521201005053516,1,1,在读
2016,1,`+fxN+`,何九,男,2009-11-11,,430521200911113619,2,1,在读
`)
	writeInbox(t, inbox, "初中毕业生去向_2024.csv", `毕业学年,身份证件号,姓名,学校标识码,去向
2024-2025,`+child["J1"]+`,魏泽楷,`+fxJ+`,普通高中
2024-2025,`+child["J2"]+`,陶雨涵,`+fxJ+`,中等职业学校
2024-2025,`+child["N1"]+`,姜博文,`+fxN+`,未升学
2024-2025,430521200911113619,何九,`+fxJ+`,普通高中
`)
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, scope_level, scope_code,
		graduates::VARCHAR, grade1_entrants::VARCHAR, printf('%.4f', consolidation_rate))
		FROM mart.consolidation`)
	sameSet(t, "mart.consolidation", got, []string{
		"2024|town|" + fxTown + "|4|7|57.1429",
		"2024|school|" + fxP + "|2|5|40.0000",
		"2024|school|" + fxN + "|1|2|50.0000",
	})
}

// writeInbox writes one file into the inbox.
func writeInbox(t *testing.T, inbox, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(inbox, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
