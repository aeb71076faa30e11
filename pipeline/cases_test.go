package pipeline

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The small town of testdata/cases, over four snapshots (2023,2) (2024,1)
// (2024,2) (2025,1), one run on 2026-03-10 (北京时间), so the as-of date is
// 2026-03-10. Village V1 青山村 430521101201 (包村干部 王建国), V2 白水村
// 430521101202 (李秀兰); one school, N 2143052107 石桥九年一贯制学校 (校长
// 吴刚). Ages are age(Y) for 2023/2024/2025. H(2023) holds every child;
// H(2024) all but MOVED; H(2025) all but MOVED and GONE.
//
//	ENR    2014-03-01 V1  9/10/11  N g3 (2023,2), g4 (2024,1), gone (2024,2), g5 (2025,1)
//	MIGP   2016-05-05 V2  7/8/9    never rostered; 2025 census 随迁外出 with proof, 小学
//	DIS    2015-06-06 V2  8/9/10   never rostered; D(2024), D(2025) 肢体残疾 送教上门
//	GRAD   2009-10-10 V1  13/14/15 N g7 (2023,2), then gone; a graduate row of 2025
//	OLD    2008-12-12 V2  14/15/16 never rostered
//	GONE   2013-01-01 V2  10/11/-  never rostered; not in H(2025)
//	EVM    2012-04-04 V1  11/12/13 never rostered; followup 2024-10-15 在外地就读, proof, 初中
//	DEAD   2014-08-08 V1  9/10/11  never rostered; followup 2024-03-05 已死亡, proof; H still 正常
//	MOVED  2013-07-07 V2  10/-/-   never rostered; followup 2024-05-20 户籍已迁出, proof
//	OVER   2015-09-09 V1  7/8/9    never rostered; 劝返中 2025-10-20, 拒不入学 2026-01-10 限期 2026-02-28
//	NOTDUE 2016-10-10 V2  6/7/8    never rostered; 查无此人 2025-10-12, 拒不入学 2026-02-20 限期 2026-03-31
//	BACK   2015-11-11 V1  7/8/9    never rostered; 已劝返复学 2025-11-05, 在本镇就读 2026-01-05
//	EOFF   2013-03-03 V1  10/11/12 N g4 (2023,2), g5 (2024,1), gone from (2024,2) on;
//	                               followup 2025-03-20 在外地就读, proof, 小学 (school year 2024)
//	OK1    2015-01-01 V1  8/9/10   N every term; a followup 在本镇就读 2025-10-10 (never listed)
//
// Four more pupils (冯立轩, 褚明远, 卫嘉怡, 许梦瑶, class 2) are on every
// roster of N and in no household extract: they keep N's rolls large
// enough that the absences above do not trip enrolment_drop_explained,
// and are on no list.
//
// The followups of school year 2025 come back in a returned 核查表
// (written below with excelize) whose rows for EVM and EOFF were not
// visited: 11 rows read, 2 skipped, none quarantined.
//
// L(Y,t), the unaccounted list (plus mart.dropouts of Y at t=2):
//
//	(2023,2) MIGP DIS OLD GONE EVM DEAD MOVED OVER NOTDUE BACK, all 从未入学
//	         (no (2023,1) roster, so no dropouts of 2023)
//	(2024,1) MIGP OLD GONE DEAD OVER NOTDUE BACK 从未入学, GRAD 学籍消失; DIS is
//	         placed (D(2024)), EVM is in E(2024) by its followup
//	(2024,2) the same, and ENR 学籍消失 (also a 疑似辍学 of 2024). EOFF is
//	         absent from the roster but in E(2024) by its followup: not
//	         listed and not a dropout (the E(Y) extension)
//	(2025,1) EVM 从未入学 (its proof was for 2024), EOFF 学籍消失 (proof for
//	         2024 only), DEAD OVER NOTDUE BACK 从未入学. ENR back at N, MIGP in
//	         E(2025) by the census, DIS placed, GRAD graduated, OLD 16, GONE
//	         out of H(2025)
//
// The walk: each snapshot opens cases on its first day, evidence closes on
// its date, each snapshot's last day tests the cases opened before it.
//
//	2024-02-01 open (2023,2): ten cases 2023-2-*
//	2024-03-05 DEAD evidence 已死亡: closed on it, in (2023,2); 33 days
//	           (2024-02-01 → 2024-03-05). DEAD is barred from then on: on
//	           the lists of (2024,1) (2024,2) (2025,1) (H still says 正常)
//	           but no new case
//	2024-05-20 MOVED evidence 户籍已迁出: closed, (2023,2); 109 days
//	2024-09-01 open (2024,1): 2024-1-GRAD
//	2024-10-15 EVM evidence 在外地就读: closed, (2024,1); 257 days
//	2025-01-31 test (2024,1): DIS not listed, 残疾安置 → closed (2024,1), 213
//	           days (2024-02-01 → 2024-09-01, the closing term's first day);
//	           MIGP OLD GONE OVER NOTDUE BACK counted (2 terms each)
//	2025-02-01 open (2024,2): 2024-2-ENR
//	2025-08-31 test (2024,2): MIGP OLD GONE OVER NOTDUE BACK GRAD counted
//	2025-09-01 open (2025,1): 2025-1-EVM (reopened: the proof of 2024 has
//	           expired), 2025-1-EOFF; DEAD barred
//	2026-01-31 test (2025,1): ENR 已入学 (212 days, 2025-02-01 → 2025-09-01);
//	           MIGP 外地就读已取证 (3 terms, 578 days); GRAD 已毕业 (2 terms,
//	           365 days); OLD 已超龄 (3 terms, 578 days); GONE 已出名单 (3
//	           terms, 578 days); OVER NOTDUE BACK counted (4 terms)
//
// Open on 2026-03-10 (768 days since 2024-02-01, 190 since 2025-09-01):
// OVER 限期改正, deadline 2026-02-28 passed: overdue; NOTDUE 限期改正,
// deadline 2026-03-31: not yet due; BACK 核查中 (已劝返复学 and 在本镇就读
// close nothing: the roster must show the child); EVM and EOFF 待核查
// (their rows of the returned workbook were not visited; EOFF's followup of
// 2025-03-20 is before its case's opening term, so not the case's).
var wantCases = []string{
	// case_id|reason|terms|status|closed_on|closed|basis|days|last outcome|deadline|overdue
	"2023-2-MIGP|从未入学|3|已销号|∅|2025-1|外地就读已取证|578|∅|∅|false",
	"2023-2-DIS|从未入学|1|已销号|∅|2024-1|残疾安置|213|∅|∅|false",
	"2023-2-OLD|从未入学|3|已销号|∅|2025-1|已超龄|578|∅|∅|false",
	"2023-2-GONE|从未入学|3|已销号|∅|2025-1|已出名单|578|∅|∅|false",
	"2023-2-EVM|从未入学|1|已销号|2024-10-15|2024-1|在外地就读|257|在外地就读|∅|false",
	"2023-2-DEAD|从未入学|1|已销号|2024-03-05|2023-2|已死亡|33|已死亡|∅|false",
	"2023-2-MOVED|从未入学|1|已销号|2024-05-20|2023-2|户籍已迁出|109|户籍已迁出|∅|false",
	"2023-2-OVER|从未入学|4|限期改正|∅|∅|∅|768|拒不入学|2026-02-28|true",
	"2023-2-NOTDUE|从未入学|4|限期改正|∅|∅|∅|768|拒不入学|2026-03-31|false",
	"2023-2-BACK|从未入学|4|核查中|∅|∅|∅|768|在本镇就读|∅|false",
	"2024-1-GRAD|学籍消失|2|已销号|∅|2025-1|已毕业|365|∅|∅|false",
	// ENR's followup of 2025-10-01 falls inside its case (open until the
	// (2025,1) test), so it is the case's latest.
	"2024-2-ENR|学籍消失|1|已销号|∅|2025-1|已入学|212|已劝返复学|∅|false",
	"2025-1-EVM|从未入学|1|待核查|∅|∅|∅|190|∅|∅|false",
	"2025-1-EOFF|学籍消失|1|待核查|∅|∅|∅|190|∅|∅|false",
}

// returnedWorkbook is the 核查表 of school year 2025 as it came back: the
// pre-filled columns, then kind 10's; EVM's and EOFF's rows not visited.
func returnedWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	head := []any{"案件编号", "姓名", "身份证件号", "原因", "核查日期", "核查结果", "证明材料", "就读学校", "就读学段", "核查人", "措施", "限期日期"}
	rows := [][]any{
		{"2023-2-" + caseKid["OVER"], "孙小雨", caseKid["OVER"], "从未入学", "2025-10-20", "劝返中", "否", "", "", "王建国", "家访", ""},
		{"2023-2-" + caseKid["OVER"], "孙小雨", caseKid["OVER"], "从未入学", "2026-01-10", "拒不入学", "否", "", "", "王建国", "送达责令限期改正通知书", "2026-02-28"},
		{"2023-2-" + caseKid["NOTDUE"], "周可", caseKid["NOTDUE"], "从未入学", "2025-10-12", "查无此人", "否", "", "", "李秀兰", "", ""},
		{"2023-2-" + caseKid["NOTDUE"], "周可", caseKid["NOTDUE"], "从未入学", "2026-02-20", "拒不入学", "否", "", "", "李秀兰", "送达责令限期改正通知书", "2026-03-31"},
		{"2023-2-" + caseKid["BACK"], "李俊", caseKid["BACK"], "从未入学", "2025-11-05", "已劝返复学", "否", "", "", "王建国", "班主任家访两次", ""},
		{"2023-2-" + caseKid["BACK"], "李俊", caseKid["BACK"], "从未入学", "2026-01-05", "在本镇就读", "否", "", "", "王建国", "", ""},
		{"2024-2-" + caseKid["ENR"], "蒋文博", caseKid["ENR"], "学籍消失", "2025-10-01", "已劝返复学", "否", "", "", "黄老师", "", ""},
		{"", "赵子涵", caseKid["OK1"], "", "2025-10-10", "在本镇就读", "否", "", "", "黄老师", "", ""},
		{"", "杨子轩", caseKid["MOVED"], "", "2025-10-08", "户籍已迁出", "否", "", "", "李秀兰", "", ""},
		{"2025-1-" + caseKid["EVM"], "吴俊杰", caseKid["EVM"], "从未入学", "", "", "", "", "", "", "", ""},
		{"2025-1-" + caseKid["EOFF"], "沈一帆", caseKid["EOFF"], "学籍消失", "", "", "", "", "", "", "", ""},
	}
	if err := f.SetSheetRow("Sheet1", "A1", &head); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// caseKid maps the codes above to identity numbers.
var caseKid = map[string]string{
	"ENR": "430521201403011004", "MIGP": "430521201605051071", "DIS": "430521201506061143",
	"GRAD": "430521200910101210", "OLD": "430521200812121285", "GONE": "430521201301011353",
	"EVM": "43052120120404142X", "DEAD": "430521201408081490", "MOVED": "430521201307071568",
	"OVER": "430521201509091639", "NOTDUE": "430521201610101707", "BACK": "430521201511111774",
	"EOFF": "430521201303031841", "OK1": "430521201501011913",
}

// caseTown runs the town of testdata/cases once, on 2026-03-10 (北京时间).
func caseTown(t *testing.T) (*Run, string) {
	t.Helper()
	root := t.TempDir()
	inbox := filepath.Join(root, "inbox")
	copyDir(t, filepath.Join("testdata", "cases"), inbox)
	returnedWorkbook(t, filepath.Join(inbox, "核查表_2025-2026学年_返回.xlsx"))
	r := testRun(t, root)
	clock := time.Date(2026, 3, 10, 1, 0, 0, 0, time.UTC) // 09:00 北京时间
	r.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r, root
}

// kidCode names a number by its code in the table above.
func kidCode(id string) string {
	for code, n := range caseKid {
		if n == id {
			return code
		}
	}
	return id
}
