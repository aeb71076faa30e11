package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The early-warning town of testdata/earlywarning: fourteen pupils, built
// so that each signal of the contract's early warning (indicators.md,
// "Early warning"; docs/indicators.md) is decided at its edge. Schools: K
// 2143052101 幼儿园, P 2143052103 示范小学, Q 2143052104 白水小学, J
// 2143052106 示范中学. Rosters of every school for (2024,1) (2024,2)
// (2025,1) (2025,2). Household extracts of 2024 and 2025 hold every pupil
// but 安娜 (a passport, E12345678). Attendance: P and J for September to
// November 2025 (term 1); Q sends none; P re-sent November
// (月考勤_2025_示范小学_11月更正.csv, loaded after the first file), which
// corrects 钱二's November from 8 absent days to 2.
//
// age(Y) is completed years on 31 August Y; the normal age of grade g is
// g+5, and over_age holds at g+7 or more. Default rules: weights
// chronic_absence 3, absence_rising 2, returned_dropout 3, over_age 2,
// repeated_grade 2, left_behind 1, poor_household 1, disabled 1,
// moved_school 1; 高 at 5, 中 at 3; shares 10% (term) and 20% (latest
// month) of unexcused (缺勤 − 病事假) absence.
//
// (2025,1), attendance as (应出勤/缺勤/病事假) for Sep, Oct, Nov:
//
//	EXC 赵一 P g3, 20/5/5 ×3: all 15 days excused → 0/60 unexcused:
//	    chronic false, rising false. Nothing else. score 0, 低.
//	TEN 钱二 P g3, 20/2/0, 20/2/0, 20/2/0 (Nov as corrected): 6/60 = exactly
//	    10% → chronic true (3); Nov 2/20 = 10% < 20% → rising false;
//	    roster 是否留守儿童 2 → left_behind (1). score 4, 中. (With the first
//	    November, 8/20, she would be 12/60 and 40%: 3+2+1 = 6, 高.)
//	NINE 孙三 P g3, 20/2/0, 21/2/0, 20/2/0: 6/61 = 9.8% < 10% → false;
//	    Nov 2/20 → false. score 0, 低.
//	NOATT 李四 Q g4, no attendance (Q sent none): chronic and rising NULL,
//	    attendance_reported false; P g3 in (2024,2) → Q: moved_school (1);
//	    建档立卡 in H(2025) → poor (1). score 2, 低.
//	OLD 周五 P g3, born 2015-08-31: age 10 = 3+7 → over_age (2). 20/0/0 ×3.
//	    score 2, 低.
//	YOUNG 吴六 P g3, born 2015-09-01: age 9 < 10 → over_age false (one
//	    year over). score 0, 低.
//	RET 王八 P g5: 在读 g5 in (2024,1), gone in (2024,2) (mart.dropouts 2024,
//	    登记辍学), register 已返校 2025-09-05, back at g5: returned_dropout
//	    (3), repeated_grade (2024,1 g5 在读 = g5) (2); no row in (2024,2) →
//	    moved_school NULL. 20/1/0, 20/1/1, 20/2/1 → 2/60, Nov 1/20: false.
//	    score 5, 高.
//	UNEXC 冯九 P g4, 20/5/0 ×3: 15/60 = 25% → chronic (3); Nov 5/20 = 25%
//	    → rising (2); 建档立卡 → poor (1). score 6, 高. Gone in (2025,2):
//	    疑似辍学 of 2025.
//	SHIFT 陈十 P g1, K 大班 in (2024,2): 大班→一年级 between years is not a
//	    move → moved_school false. score 0, 低.
//	UP 褚十一 J g7, P g6 in (2024,2): 六年级→七年级 → moved_school false.
//	    score 0, 低.
//	REP 郑七 J g7, 在读 g7 in (2024,1) too → repeated (2); 20/0/0, 20/0/0,
//	    20/5/0 → 5/60 = 8.3% → chronic false; Nov 5/20 = 25% → rising
//	    (2). score 4, 中.
//	CENS 卫十二 J g8, 留守 in the migration census of 2025 → left_behind
//	    (1); 肢体残疾 in the disability census → disabled (1). score 2, 低.
//	QUIET 蒋十三 J g8, no signal; (2025,2) roster 辍学 (登记辍学 of 2025).
//	    score 0, 低.
//	PASS 安娜 J g9, passport E12345678; J reported her as e12345678, which
//	    ingest upper-cases, so the rows match: 20/0/0, 20/0/0, 20/6/0 →
//	    6/60 = 10% → chronic (3), Nov 6/20 = 30% → rising (2); outside H →
//	    poor_household NULL. score 5, 高.
//
// repeated_grade is decided for everyone in (2025,1) (R(2024,1) exists);
// moved_school for everyone with a row in (2024,2).
var wantWarning2025T1 = []string{
	// name|chronic|rising|returned|over_age|repeated|left|poor|disabled|moved|score|tier|reported
	"赵一|false|false|false|false|false|false|false|false|false|0|低|true",
	"钱二|true|false|false|false|false|true|false|false|false|4|中|true",
	"孙三|false|false|false|false|false|false|false|false|false|0|低|true",
	"李四|∅|∅|false|false|false|false|true|false|true|2|低|false",
	"周五|false|false|false|true|false|false|false|false|false|2|低|true",
	"吴六|false|false|false|false|false|false|false|false|false|0|低|true",
	"王八|false|false|true|false|true|false|false|false|∅|5|高|true",
	"冯九|true|true|false|false|false|false|true|false|false|6|高|true",
	"陈十|false|false|false|false|false|false|false|false|false|0|低|true",
	"褚十一|false|false|false|false|false|false|false|false|false|0|低|true",
	"郑七|false|true|false|false|true|false|false|false|false|4|中|true",
	"卫十二|false|false|false|false|false|true|false|true|false|2|低|true",
	"蒋十三|false|false|false|false|false|false|false|false|false|0|低|true",
	"安娜|true|true|false|false|false|false|∅|false|false|5|高|true",
}

// warningRow renders a mart.early_warning row as wantWarning2025T1 does.
const warningRow = `SELECT concat_ws('|', name, coalesce(chronic_absence::VARCHAR, '∅'),
	coalesce(absence_rising::VARCHAR, '∅'), returned_dropout, over_age, coalesce(repeated_grade::VARCHAR, '∅'),
	left_behind, coalesce(poor_household::VARCHAR, '∅'), disabled, coalesce(moved_school::VARCHAR, '∅'),
	score, tier, attendance_reported) FROM mart.early_warning `

// Backtest, by hand:
//
//	2024: base (2024,1) = every pupil at grades 1-9 (SHIFT is in 大班).
//	      Dropouts: RET (gone in (2024,2), registered) → 1. In (2024,1)
//	      there is no attendance (absence NULL), no R(2023,1) (repeated
//	      NULL), no (2023,2) (moved NULL), no earlier dropout, and RET's
//	      return (2025-09-05) is after 2025-01-31. Scores: OLD over-age (age
//	      9 = 2+7) 2; TEN left-behind 1; NOATT and UNEXC poor 1: nobody
//	      reaches 3. flagged 0 → precision NULL; recall 0/1 = 0.
//	2025: dropouts UNEXC (疑似辍学) and QUIET (登记辍学) = 2; flagged at (2025,1):
//	      TEN, RET, UNEXC, REP, PASS = 5; flagged and dropped out: UNEXC = 1.
//	      recall 1/2 = 0.5, precision 1/5 = 0.2.
var wantBacktest = []string{
	"2024|1|0|0.0|0|0|∅",
	"2025|2|1|0.5|5|1|0.2",
}

const backtestRow = `SELECT concat_ws('|', school_year, dropouts, dropouts_flagged, coalesce(recall::VARCHAR, '∅'),
	flagged, flagged_dropped_out, coalesce(precision::VARCHAR, '∅')) FROM mart.early_warning_backtest`

func TestEarlyWarning(t *testing.T) {
	root := t.TempDir()
	copyDir(t, filepath.Join("testdata", "earlywarning"), filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)

	got := queryStrings(t, db, warningRow+"WHERE school_year = 2025 AND term = 1")
	sameSet(t, "mart.early_warning (2025,1)", got, wantWarning2025T1)

	// (2025,2): no attendance for term 2, so both absence signals are
	// unknown for everyone; 冯九 is gone; 郑七 was g7 in (2024,2) too.
	got = queryStrings(t, db, `SELECT concat_ws('|', count(*), count(*) FILTER (WHERE attendance_reported),
		count(chronic_absence), count(absence_rising)) FROM mart.early_warning WHERE school_year = 2025 AND term = 2`)
	sameSet(t, "(2025,2) pupils, reported, known absence", got, []string{"12|0|0|0"})
	got = queryStrings(t, db, warningRow+"WHERE school_year = 2025 AND term = 2 AND name IN ('郑七', '王八')")
	sameSet(t, "(2025,2) 郑七 and 王八", got, []string{
		// 郑七: repeated (R(2024,2) g7) 2; 王八: returned 3, not in
		// R(2024,2) → repeated false, moved (2025,1) P → P false.
		"郑七|∅|∅|false|false|true|false|false|false|false|2|低|false",
		"王八|∅|∅|true|false|false|false|false|false|false|3|中|false",
	})

	sameSet(t, "mart.early_warning_backtest", queryStrings(t, db, backtestRow), wantBacktest)
	rules := queryStrings(t, db, `SELECT DISTINCT rules FROM mart.early_warning_backtest`)
	sameSet(t, "rules", rules, []string{"chronic_absence=3, absence_rising=2, returned_dropout=3, over_age=2, " +
		"repeated_grade=2, left_behind=1, poor_household=1, disabled=1, moved_school=1; 高≥5, 中≥3; 无故缺勤≥10%, 单月≥20%, 超龄≥2岁"})

	// 关爱台账 (2025,1): 留守 钱二 (roster 2), 卫十二 (census: 9, and 残疾);
	// 建档立卡 李四 and 冯九; 孤儿 陈十; 随迁 褚十一. flagged: 高 or 中.
	got = queryStrings(t, db, `SELECT concat_ws('|', name, left_behind_code, orphan, coalesce(disability, '-'),
		migrant_child, poor_household, flagged) FROM mart.care_register WHERE school_year = 2025 AND term = 1`)
	sameSet(t, "mart.care_register (2025,1)", got, []string{
		"钱二|2|false|-|false|false|true",
		"卫十二|9|false|肢体残疾|false|false|false",
		"李四|0|false|-|false|true|false",
		"冯九|0|false|-|false|true|true",
		"陈十|0|true|-|false|false|false",
		"褚十一|0|false|-|true|false|false",
	})

	// The corrected November replaced P's November whole: one row per
	// pupil, and 钱二's is the corrected one.
	got = queryStrings(t, db, `SELECT concat_ws('|', count(*), sum(days_absent) FILTER (WHERE name = '钱二'))
		FROM staging.attendance WHERE school_code = '2143052103' AND month = 11`)
	sameSet(t, "P's November", got, []string{"8|2"})
}

// TestEarlyWarningRules runs the town with other weights and cut-offs: the
// tiers and the backtest follow the config, and rules echoes it.
func TestEarlyWarningRules(t *testing.T) {
	root := t.TempDir()
	copyDir(t, filepath.Join("testdata", "earlywarning"), filepath.Join(root, "inbox"))
	r := testRun(t, root)
	ew := &r.Config.EarlyWarning
	ew.Weights["chronic_absence"] = 1 // 钱二 4 → 2; 冯九 6 → 4; 安娜 5 → 3
	ew.Medium, ew.High = 2, 4
	ew.ChronicAbsence = 0.09 // 孙三's 6/61 = 9.8% now flags (+1)
	ew.OverAgeYears = 1      // 吴六 and 郑七 (one year over) now flag (+2)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	got := queryStrings(t, db, `SELECT concat_ws('|', name, score, tier) FROM mart.early_warning
		WHERE school_year = 2025 AND term = 1 AND name IN ('钱二', '孙三', '吴六', '周五', '冯九', '安娜', '郑七')`)
	sameSet(t, "(2025,1) under other rules", got, []string{
		"钱二|2|中", // chronic 1 + left 1
		"孙三|1|低", // chronic 1
		"吴六|2|中", // over_age 2
		"周五|2|中", // over_age 2
		"冯九|4|高", // chronic 1 + rising 2 + poor 1
		"安娜|3|中", // chronic 1 + rising 2
		"郑七|6|高", // repeated 2 + rising 2 + over_age 2 (age 13 = 7+5+1)
	})
	// 2025 flagged (≥2): 钱二 吴六 周五 王八(5) 冯九 安娜 郑七 李四(2)
	// 卫十二(2) = 9, of whom 冯九 dropped out: precision 1/9.
	got = queryStrings(t, db, `SELECT concat_ws('|', flagged, flagged_dropped_out, rules) FROM mart.early_warning_backtest WHERE school_year = 2025`)
	sameSet(t, "2025 backtest under other rules", got, []string{"9|1|chronic_absence=1, absence_rising=2, returned_dropout=3, " +
		"over_age=2, repeated_grade=2, left_behind=1, poor_household=1, disabled=1, moved_school=1; 高≥4, 中≥2; 无故缺勤≥9%, 单月≥20%, 超龄≥1岁"})
}

// copyDir copies the files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A school's month sent again with a pupil listed twice: the month comes
// whole from the new file, and the pupil's row is the later of the two.
// In P's corrected November 钱二 missed 2 days; the new file lists the
// corrected rows and then 钱二 again with 4: P's November keeps 8 pupils,
// and 钱二 has 4.
func TestAttendancePupilListedTwice(t *testing.T) {
	root := t.TempDir()
	inbox := filepath.Join(root, "inbox")
	copyDir(t, filepath.Join("testdata", "earlywarning"), inbox)
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join(inbox, "月考勤_2025_示范小学_11月更正.csv"))
	if err != nil {
		t.Fatal(err)
	}
	again := string(body) + "2025-2026,11,2143052103,430521201706010228,钱二,20,4,0,无故\n"
	if err := os.WriteFile(filepath.Join(inbox, "月考勤_2025_示范小学_11月再报.csv"), []byte(again), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)
	got := queryStrings(t, db, `SELECT concat_ws('|', count(*), count(DISTINCT id_number), sum(days_absent) FILTER (WHERE name = '钱二'))
		FROM staging.attendance WHERE school_code = '2143052103' AND month = 11`)
	sameSet(t, "P's November sent again with 钱二 twice", got, []string{"8|8|4"})
}
