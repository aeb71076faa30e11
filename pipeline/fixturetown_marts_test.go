package pipeline

import (
	"database/sql"
	"testing"
)

// checkFixtureMarts compares the marts around the indicators (the child
// archive, the handoff, grade flows, data quality) of the fixture town with
// values worked out by hand from the rules in their SQL headers and
// docs/indicators.md.
func checkFixtureMarts(t *testing.T, db *sql.DB) {
	t.Helper()
	t.Run("children", func(t *testing.T) {
		// DV's (2025,1) roster says 1 (单亲留守) and the 2025 migration census
		// lists him as 留守, which does not say which parents are away: the
		// roster's 1 stays (it used to become 2). Nobody else has a 留守 code
		// or a census row of 留守; there is no census of 2024.
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, child_key,
			coalesce(left_behind::VARCHAR, '∅'), census_left_behind::VARCHAR, is_left_behind::VARCHAR)
			FROM mart.children WHERE is_left_behind OR census_left_behind OR left_behind > 0`)
		sameSet(t, "left-behind children", got, []string{"2025|" + child["DV"] + "|1|true|true"})
		// A child on no roster of the year has no roster code (NULL, not 0).
		nul := queryStrings(t, db, `SELECT child_key FROM mart.children
			WHERE school_year = 2025 AND left_behind IS NULL AND child_key IN ('`+child["M2"]+`', '`+child["G1"]+`')`)
		sameSet(t, "children without a roster code", nul, []string{child["M2"]})
	})
	t.Run("handoff", func(t *testing.T) {
		// year|id|primary school|has handoff row|file|notice to school|notice to parent.
		// 2024: the four grade-6 pupils of R(2024,2) (在读 or 毕业) all have a
		// handoff row. Dues 2025-07-10, 2025-08-10, 2025-08-15; the as-of
		// date (the day the files were loaded: testRun's clock, 2026-03-01)
		// is past them.
		//   S1 07-08, 08-09, 08-14: all 按时.
		//   S2 07-15 (逾期), 08-09 (按时), no parent date (逾期未办).
		//   S3 07-01, 08-01, 08-10: all 按时.
		//   S4 07-01 (按时), neither notice (逾期未办 twice).
		// 2025: OD, grade 6 in R(2025,2) with a Hong Kong document, has no
		// handoff row (none of 2025 exists, and none could match him); his
		// dues (2026-07-10 …) are after 2026-03-01: 未到期.
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, id_number, primary_school_code,
			has_handoff_row::VARCHAR, file_status, notice_to_school_status, notice_to_parent_status)
			FROM mart.handoff_status`)
		sameSet(t, "mart.handoff_status", got, []string{
			"2024|" + child["S1"] + "|" + fxP + "|true|按时|按时|按时",
			"2024|" + child["S2"] + "|" + fxP + "|true|逾期|按时|逾期未办",
			"2024|" + child["S3"] + "|" + fxN + "|true|按时|按时|按时",
			"2024|" + child["S4"] + "|" + fxN + "|true|按时|逾期未办|逾期未办",
			"2025|" + child["OD"] + "|" + fxP + "|false|未到期|未到期|未到期",
		})
	})
	t.Run("grade flows", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, school_code, grade::VARCHAR,
			enrolled::VARCHAR, coalesce(promoted::VARCHAR, '∅'), coalesce(repeated::VARCHAR, '∅'),
			coalesce(dropped_out::VARCHAR, '∅'), coalesce(transferred::VARCHAR, '∅'), coalesce(died::VARCHAR, '∅'))
			FROM mart.grade_flows`)
		sameSet(t, "mart.grade_flows", got, wantGradeFlows)
	})
	t.Run("data quality", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', finding, school_year::VARCHAR, coalesce(term::VARCHAR, '∅'),
			coalesce(school_code, '∅'), coalesce(child_key, '∅'), actionable::VARCHAR, detail)
			FROM mart.data_quality`)
		sameSet(t, "mart.data_quality", got, wantDataQuality())
	})
}

// wantGradeFlows: year|school|grade|enrolled|promoted|repeated|dropped_out|
// transferred|died. The pupils 在读 at grades 1-9 in R(Y,1) at their school
// of record; promoted/repeated against R(Y+1,1) (grade 9: a graduate row of
// Y), NULL for 2025 since there is no (2026,1); dropped_out by the dropout
// rule (wantDropouts), transferred 转出 in R(Y,2), died 死亡 in R(Y,2) or
// the household register of Y — all three NULL for J in 2025, which sent no
// (2025,2) roster (before, its two pupils counted as dropouts).
var wantGradeFlows = []string{
	// 2024, P. g1 DV → g2. g2 DUP D3 TO → g3. g4: RD back at g4 in (2025,1)
	// (repeated) and a 2024 dropout; D1 M1 DEATH → g5 (DEATH is 正常 in
	// 2024). g6 S1 S2 → J g7.
	"2024|" + fxP + "|1|1|1|0|0|0|0",
	"2024|" + fxP + "|2|3|3|0|0|0|0",
	"2024|" + fxP + "|4|4|3|1|1|0|0",
	"2024|" + fxP + "|6|2|2|0|0|0|0",
	// 2024, J: J1 J2 in graduate rows of 2024.
	"2024|" + fxJ + "|9|2|2|0|0|0|0",
	// 2024, N. g3 PDE → g4; g5 D2 → g6; g6 S3 → g7, S4 nowhere; g7: RDEATH →
	// g8, XIU 休学 and Q2 quarantined in (2025,1) → neither; g8 X: 辍学 in
	// (2024,2), back at g8 (repeated, and a 2024 dropout); g9 N1 graduate.
	"2024|" + fxN + "|3|1|1|0|0|0|0",
	"2024|" + fxN + "|5|1|1|0|0|0|0",
	"2024|" + fxN + "|6|2|1|0|0|0|0",
	"2024|" + fxN + "|7|3|1|0|0|0|0",
	"2024|" + fxN + "|8|1|0|1|1|0|0",
	"2024|" + fxN + "|9|1|1|0|0|0|0",
	// 2025, P: g1 G1 G2; g2 DV; g3 DUP D3 TO (D3 dropout, TO 转出); g4 RD;
	// g5 D1 M1 DEATH (D1 dropout, DEATH 死亡 in the household register of
	// 2025); g6 OD.
	"2025|" + fxP + "|1|2|∅|∅|0|0|0",
	"2025|" + fxP + "|2|1|∅|∅|0|0|0",
	"2025|" + fxP + "|3|3|∅|∅|1|1|0",
	"2025|" + fxP + "|4|1|∅|∅|0|0|0",
	"2025|" + fxP + "|5|3|∅|∅|1|0|1",
	"2025|" + fxP + "|6|1|∅|∅|0|0|0",
	// 2025, J: S1 S2 at g7; no (2025,2) roster from J.
	"2025|" + fxJ + "|7|2|∅|∅|∅|∅|∅",
	// 2025, N: g2 PASS, g4 PDE, g6 D2 (all three dropouts); g7 S3; g8 RDEATH
	// (死亡 in R(2025,2)) and X.
	"2025|" + fxN + "|2|1|∅|∅|1|0|0",
	"2025|" + fxN + "|4|1|∅|∅|1|0|0",
	"2025|" + fxN + "|6|1|∅|∅|1|0|0",
	"2025|" + fxN + "|7|1|∅|∅|0|0|0",
	"2025|" + fxN + "|8|2|∅|∅|0|0|1",
}

// wantDataQuality: finding|year|term|school|child|actionable|detail.
func wantDataQuality() []string {
	return []string{
		// DUP is 在读 at P and N in (2025,1); his school of record is P
		// (smaller code); the detail names both schools.
		"重复学籍|2025|1|" + fxP + "|" + child["DUP"] + "|true|同时在读于 白水小学、石桥九年一贯制学校",
		// X: R(2024,2) says 辍学, the register has no row for him in 2024.
		// (D1's 辍学 has its register row; D2 劝返中 is in no later roster.)
		"学籍与辍学登记矛盾|2024|2|" + fxN + "|" + child["X"] + "|true|名册为辍学，辍学登记中无该生本学年记录",
		"疑似数据错误|2025|2|" + fxN + "|" + child["PDE"] + "|true|第二学期名册中有相符的被隔离行，改正后可能不是辍学",
		// J sent no (2025,2) roster: one row for that term (and a second
		// missing term would give a second row).
		"名册未报送|2025|2|" + fxJ + "|∅|true|本学期未报送学籍名册",
		// Pupils of other document types, first term of the year they
		// appear: PASS (护照, code A) at N, OD (code 6) at P.
		"其他证件类型|2025|1|" + fxN + "|A:" + child["PASS"] + "|true|以其他证件登记（A:" + child["PASS"] + "），无法与户籍、辍学登记等文件按证件号比对；请核实该生是否有居民身份证，如有请改用居民身份证登记",
		"其他证件类型|2025|1|" + fxP + "|6:" + child["OD"] + "|true|以其他证件登记（6:" + child["OD"] + "），无法与户籍、辍学登记等文件按证件号比对；请核实该生是否有居民身份证，如有请改用居民身份证登记",
		// Context only: H(Y) aged 6-15 on no roster of any term. M2 (both
		// years) and NE (6 in 2025) are on the unaccounted list; DH (送教上门)
		// and DX (缓学) are accounted for by the disability census.
		"从未见于名册|2024|∅|∅|" + child["M2"] + "|false|8 岁，任何学期的名册中都没有；已列入应入学未入学名单",
		"从未见于名册|2024|∅|∅|" + child["DH"] + "|false|9 岁，任何学期的名册中都没有；残疾儿童（送教上门）",
		"从未见于名册|2024|∅|∅|" + child["DX"] + "|false|7 岁，任何学期的名册中都没有；残疾儿童（缓学）",
		"从未见于名册|2025|∅|∅|" + child["M2"] + "|false|9 岁，任何学期的名册中都没有；已列入应入学未入学名单",
		"从未见于名册|2025|∅|∅|" + child["NE"] + "|false|6 岁，任何学期的名册中都没有；已列入应入学未入学名单",
		"从未见于名册|2025|∅|∅|" + child["DH"] + "|false|10 岁，任何学期的名册中都没有；残疾儿童（送教上门）",
		"从未见于名册|2025|∅|∅|" + child["DX"] + "|false|8 岁，任何学期的名册中都没有；残疾儿童（缓学）",
		// No 年龄与年级不符: every 在读 pupil's age(Y) − grade is 4 to 6. No
		// quarantined household row.
	}
}
