package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestFixtureTown is the acceptance test of the monitoring models: the
// hand-made town in testdata/fixturetown (33 children, described child by
// child in fixturetown_helpers_test.go) goes through a whole run, and every
// published figure is compared with a value derived by hand from the
// indicator definitions (the data contract's indicators.md, restated in the
// comments), never from the SQL.
//
// Notation: H(Y) household extract of Y (正常 rows only), R(Y,t) all roster
// rows of (Y,t), E(Y) migration rows 随迁外出 with proof and a 就读学段, D(Y)
// the disability census. "three-cat" = 视力/听力/智力残疾.
func TestFixtureTown(t *testing.T) {
	root := t.TempDir()
	copyFixtureTown(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, r.Config.Paths.Warehouse)

	t.Run("indicators", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, scope_level, scope_code,
			indicator, coalesce(numerator::VARCHAR, '∅'), coalesce(denominator::VARCHAR, '∅'), status)
			FROM mart.indicators WHERE scope_level IN ('town', 'village') OR status <> '无数据'`)
		sameSet(t, "mart.indicators (town, village and valued school rows)", got, wantIndicators)
		// A school whose term-2 roster is missing has no dropout rate: J
		// sent no (2025,2) roster, and it holds junior base children S1, S2.
		nodata := queryStrings(t, db, `SELECT concat_ws('|', coalesce(numerator::VARCHAR, '∅'),
			coalesce(denominator::VARCHAR, '∅'), status) FROM mart.indicators
			WHERE school_year = 2025 AND scope_level = 'school' AND scope_code = '2143052106'
			AND indicator = 'junior_dropout'`)
		sameSet(t, "J's junior_dropout 2025", nodata, []string{"∅|∅|无数据"})
		// value is 100 × numerator / denominator (1 or 0 for the village
		// kindergarten), and NULL exactly when the status is 无数据.
		bad := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, scope_code, indicator,
			coalesce(value::VARCHAR, '∅')) FROM mart.indicators
			WHERE (status = '无数据') <> (value IS NULL)
			OR abs(value - CASE WHEN indicator = 'village_kindergarten' THEN numerator
			                    ELSE 100.0 * numerator / denominator END) > 1e-9`)
		sameSet(t, "inconsistent values", bad, nil)
	})

	t.Run("dropouts", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, level, school_code, id_number,
			grade::VARCHAR, kind, possible_data_error::VARCHAR, coalesce(reason, '∅'),
			coalesce(persuasion_status, '∅')) FROM mart.dropouts`)
		sameSet(t, "mart.dropouts", got, wantDropouts())
	})

	t.Run("unaccounted", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, term::VARCHAR, id_number,
			reason, terms_on_list::VARCHAR) FROM mart.unaccounted_children`)
		sameSet(t, "mart.unaccounted_children", got, wantUnaccounted())
	})

	t.Run("bulletin", func(t *testing.T) { checkFixtureBulletin(t, db) })
	t.Run("marts", func(t *testing.T) { checkFixtureMarts(t, db) })

	t.Run("quarantine", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', file_name, row_number::VARCHAR, column_name)
			FROM audit.quarantine`)
		sameSet(t, "audit.quarantine", got, []string{
			// Q2 张若曦's (2025,1) row at N: 年级 十年级 is no grade.
			"学籍名册_2025_1_九年一贯制.csv|7|年级",
			// PDE 蒋文博's (2025,2) row at N: check character 8, should be 9.
			"学籍名册_2025_2_九年一贯制.csv|3|身份证件号",
		})
	})
}

// ind renders one expected mart.indicators row; a negative count is NULL.
func ind(year int, level, code, indicator string, num, den int, status string) string {
	n, d := nul, nul
	if num >= 0 {
		n = fmt.Sprint(num)
	}
	if den >= 0 {
		d = fmt.Sprint(den)
	}
	return fmt.Sprintf("%d|%s|%s|%s|%s|%s|%s", year, level, code, indicator, n, d, status)
}

const none = -1 // NULL numerator or denominator (无数据)

var wantIndicators = []string{
	// ===================== 2024 =====================
	// preschool_gross: numerator 在读 at K1-K3 in R(2024,1), any age: B1 B2
	// (K 中班), G1 (K 大班) = 3. Denominator H(2024) aged 3-5 (born
	// 2018-09-01..2021-08-31): B1 5, B2 4, G1 5, G2 5, NE 5, KN 4, NK 3 = 7.
	// 42.9 < 85.
	ind(2024, "town", fxTown, "preschool_gross_enrollment", 3, 7, "未达标"),
	// primary_net: H(2024) aged 6-11, less three-cat in D(2024) (DV, DH) and
	// less deferred (DX 缓学; nobody 休学 in R(2024,1)):
	//   V1: D3 8, M1 9, DEATH 10                   (S2 is 12: junior)
	//   V2: RD 9, D1 10, M2 8, TO 8, S1 11
	//   V3: DUP 8, D2 10, PDE 9, RDEATH 11, S3 11, S4 11
	// All 在读 at grades 1-9 in R(2024,1) (RDEATH at grade 7 counts too)
	// except M2, who was never enrolled and has no E(2024) row.
	ind(2024, "town", fxTown, "primary_net_enrollment", 13, 14, "未达标"),
	ind(2024, "village", fxV1, "primary_net_enrollment", 3, 3, "达标"),
	ind(2024, "village", fxV2, "primary_net_enrollment", 4, 5, "未达标"),
	ind(2024, "village", fxV3, "primary_net_enrollment", 6, 6, "达标"),
	// junior_net: H(2024) aged 12-14, no exclusion applies (XIU is 在读 in
	// R(2024,1)): V1 Q2 12, S2 12, J1 14; V2 X 13, J2 14; V3 XIU 12, N1 14.
	// All 在读 at grades 7-9 in R(2024,1) except S2, still at grade 6.
	ind(2024, "town", fxTown, "junior_net_enrollment", 6, 7, "未达标"),
	ind(2024, "village", fxV1, "junior_net_enrollment", 2, 3, "未达标"),
	ind(2024, "village", fxV2, "junior_net_enrollment", 2, 2, "达标"),
	ind(2024, "village", fxV3, "junior_net_enrollment", 2, 2, "达标"),
	// junior_gross: "distinct pupils with effective status 在读 at grades 7-9
	// in R(Y,1), any age or origin": J1 J2 (J), XIU RDEATH Q2 X N1 (N) = 7 —
	// RDEATH counts although he is 11 and so outside the denominator. H(2024)
	// aged 12-14 without exclusions: Q2 S2 J1 X J2 XIU N1 = 7. 100 ≥ 98.
	ind(2024, "town", fxTown, "junior_gross_enrollment", 7, 7, "达标"),
	// disabled: D(2024) three-cat aged 6-15 by identity number: DV 7 (视力
	// 随班就读), DH 9 (听力 送教上门), DI2 9 (智力 特殊教育学校, not in H(2024),
	// still counted); NE is 5, outside 6-15. All three placed.
	ind(2024, "town", fxTown, "disabled_enrollment", 3, 3, "达标"),
	ind(2024, "town", fxTown, "disabled_enrollment_visual", 1, 1, "达标"),
	ind(2024, "town", fxTown, "disabled_enrollment_hearing", 1, 1, "达标"),
	ind(2024, "town", fxTown, "disabled_enrollment_intellectual", 1, 1, "达标"),
	// primary_dropout base: 在读 at 1-6 in R(2024,1).
	//   P (10): DV DUP D3 TO RD D1 M1 DEATH S1 S2; N (4): PDE D2 S3 S4.
	// R(2024,2): RD is absent, not in E(2024), no graduate row, household
	// 正常 → dropout (登记辍学: register row 2025-03-10). S2 and S4 are 毕业,
	// everyone else 在读. Any rate above 0.5 is 一票否决 (veto 0.5).
	ind(2024, "town", fxTown, "primary_dropout", 1, 14, "一票否决"),
	ind(2024, "school", fxP, "primary_dropout", 1, 10, "一票否决"),
	ind(2024, "school", fxN, "primary_dropout", 0, 4, "达标"),
	// junior_dropout base: 在读 at 7-9 in R(2024,1): J (2): J1 J2; N (5):
	// XIU RDEATH Q2 X N1. In R(2024,2): J1 absent but in a graduate row of
	// 2024 → no; J2, N1 毕业; XIU 休学 → no; X 辍学 → dropout. 20 > 3.0.
	ind(2024, "town", fxTown, "junior_dropout", 1, 7, "一票否决"),
	ind(2024, "school", fxJ, "junior_dropout", 0, 2, "达标"),
	ind(2024, "school", fxN, "junior_dropout", 1, 5, "一票否决"),
	// junior_progression: graduate rows of 2024: J1 普通高中, J2 中等职业学校
	// (school J), N1 未升学 (school N).
	ind(2024, "town", fxTown, "junior_progression", 2, 3, "未达标"),
	ind(2024, "school", fxJ, "junior_progression", 2, 2, "达标"),
	ind(2024, "school", fxN, "junior_progression", 0, 1, "未达标"),
	// primary_to_junior: grade 6 in R(2024,2) with 在读/毕业: S1 在读, S2 毕业
	// (P), S3 在读, S4 毕业 (N). 在读 at 7-9 in R(2025,1): S1 S2 (J g7), S3
	// (N g7); S4 is nowhere and has no E(2025) row. P reaches exactly the
	// line (100 = 100 → 达标); N and the town fall short.
	ind(2024, "town", fxTown, "primary_to_junior", 3, 4, "未达标"),
	ind(2024, "school", fxP, "primary_to_junior", 2, 2, "达标"),
	ind(2024, "school", fxN, "primary_to_junior", 1, 2, "未达标"),
	// village_kindergarten (one row per village and year with rosters): V1
	// has K, V3 has N with 附设学前班 = 是, V2 only P (附设学前班 0).
	ind(2024, "village", fxV1, "village_kindergarten", 1, 1, "达标"),
	ind(2024, "village", fxV2, "village_kindergarten", 0, 1, "未达标"),
	ind(2024, "village", fxV3, "village_kindergarten", 1, 1, "达标"),

	// ===================== 2025 =====================
	// preschool_gross: 在读 at K1-K3 in R(2025,1), "any age or origin": B1
	// B2 (K 大班), KN (N 学前班 = K3) = 3 — B1 counts although aged 6 and so
	// outside the denominator. H(2025) aged 3-5 (born
	// 2019-09-01..2022-08-31): B2 5 (born 2019-09-01: the boundary), KN 5,
	// NK 4 = 3. B1 (born 2019-08-31) is 6. 100 ≥ 85.
	ind(2025, "town", fxTown, "preschool_gross_enrollment", 3, 3, "达标"),
	// primary_net: H(2025) aged 6-11 (DEATH is 死亡, so not in H(2025)), less
	// three-cat (DV, DH, NE) and deferred (DX 缓学):
	//   V1: B1 6, G1 6, D3 9, M1 10
	//   V2: G2 6, RD 10, D1 11, M2 9, TO 9
	//   V3: DUP 9, D2 11, PDE 10
	// Not in the numerator: B1 (在读 at K3, not grades 1-9), M2 (随迁外出
	// without proof: not E). TO and the term-2 dropouts were 在读 in R(2025,1).
	ind(2025, "town", fxTown, "primary_net_enrollment", 10, 12, "未达标"),
	ind(2025, "village", fxV1, "primary_net_enrollment", 3, 4, "未达标"),
	ind(2025, "village", fxV2, "primary_net_enrollment", 4, 5, "未达标"),
	ind(2025, "village", fxV3, "primary_net_enrollment", 3, 3, "达标"),
	// junior_net: H(2025) aged 12-14 less deferred (XIU 休学 in R(2025,1)):
	//   V1: Q2 13, S2 13; V2: X 14, S1 12; V3: RDEATH 12, S3 12, S4 12.
	// Not in the numerator: Q2 (her only (2025,1) row is quarantined and
	// counts in no figure), S4 (nowhere).
	ind(2025, "town", fxTown, "junior_net_enrollment", 5, 7, "未达标"),
	ind(2025, "village", fxV1, "junior_net_enrollment", 1, 2, "未达标"),
	ind(2025, "village", fxV2, "junior_net_enrollment", 2, 2, "达标"),
	ind(2025, "village", fxV3, "junior_net_enrollment", 2, 3, "未达标"),
	// junior_gross: 在读 at 7-9 in R(2025,1): S1 S2 (J), S3 RDEATH X (N) = 5
	// (XIU 休学, Q2 quarantined). H(2025) aged 12-14, no exclusions: Q2 S2
	// X S1 XIU RDEATH S3 S4 = 8.
	ind(2025, "town", fxTown, "junior_gross_enrollment", 5, 8, "未达标"),
	// disabled: D(2025) three-cat aged 6-15: DV 8 (随班就读), DH 10 (送教上门),
	// NE 6 (未入学, stays in the denominator, not placed, not in R(2025,1)),
	// DI2 10 (特殊教育学校, not in H). DX is 肢体: not three-cat.
	ind(2025, "town", fxTown, "disabled_enrollment", 3, 4, "未达标"),
	ind(2025, "town", fxTown, "disabled_enrollment_visual", 1, 1, "达标"),
	ind(2025, "town", fxTown, "disabled_enrollment_hearing", 1, 1, "达标"),
	ind(2025, "town", fxTown, "disabled_enrollment_intellectual", 1, 2, "未达标"),
	// primary_dropout base: 在读 at 1-6 in R(2025,1) at the school of record.
	//   P (11): G1 G2 DV DUP D3 TO RD D1 M1 DEATH OD — DUP is 在读 at P and
	//           N; the tie goes to the smaller code, P. OD (a Hong Kong
	//           document) is in the base like any pupil, followed by type and
	//           number; he is 在读 in R(2025,2), so no dropout.
	//   N (3):  PASS PDE D2.
	// Dropouts (R(2025,2), P's from _v2): D1 辍学; D3 absent; PASS absent
	// (passport: nothing can clear it); PDE absent (the row is quarantined);
	// D2 absent. Not: TO 转出, M1 (E(2025)), DEATH (household 2025 死亡).
	// Both P and N sent (2025,2), so the town has a rate.
	ind(2025, "town", fxTown, "primary_dropout", 5, 14, "一票否决"),
	ind(2025, "school", fxP, "primary_dropout", 2, 11, "一票否决"),
	ind(2025, "school", fxN, "primary_dropout", 3, 3, "一票否决"),
	// junior_dropout base: J (2): S1 S2; N (3): S3 RDEATH X. J sent no
	// (2025,2) roster → J and the town are 无数据. N: S3 X 在读, RDEATH 死亡
	// in R(2025,2) → 0.
	ind(2025, "town", fxTown, "junior_dropout", none, none, "无数据"),
	ind(2025, "school", fxN, "junior_dropout", 0, 3, "达标"),
	// No graduate rows of 2025; no rosters of (2026,1).
	ind(2025, "town", fxTown, "junior_progression", none, none, "无数据"),
	ind(2025, "town", fxTown, "primary_to_junior", none, none, "无数据"),
	ind(2025, "village", fxV1, "village_kindergarten", 1, 1, "达标"),
	ind(2025, "village", fxV2, "village_kindergarten", 0, 1, "未达标"),
	ind(2025, "village", fxV3, "village_kindergarten", 1, 1, "达标"),
}

// wantDropouts: school_year|level|school of record|id|grade in R(Y,1)|kind|
// possible_data_error|reason|persuasion_status.
func wantDropouts() []string {
	return []string{
		// RD: absent from R(2024,2); register row dated 2025-03-10, inside
		// 2024 → 登记辍学 with the register's reason; latest 劝返状态 已返校.
		"2024|小学|" + fxP + "|" + child["RD"] + "|4|登记辍学|false|厌学|已返校",
		// X: R(2024,2) says 辍学 → 登记辍学; not in the register → no reason.
		"2024|初中|" + fxN + "|" + child["X"] + "|8|登记辍学|false|∅|∅",
		// D1: R(2025,2) says 辍学; register row 2026-02-20 gives the reason.
		"2025|小学|" + fxP + "|" + child["D1"] + "|5|登记辍学|false|外出务工|无法劝返",
		// D2: absent from R(2025,2), register row 2025-12-01.
		"2025|小学|" + fxN + "|" + child["D2"] + "|6|登记辍学|false|家庭贫困|劝返中",
		// D3: absent from R(2025,2) (only the superseded _v1 listed her),
		// nobody registered her, no quarantined term-2 row matches.
		"2025|小学|" + fxP + "|" + child["D3"] + "|3|疑似辍学|false|∅|∅",
		// PDE: his only (2025,2) row is quarantined (check digit), and it
		// carries his name 蒋文博 and 出生日期 2015-07-07, the date inside his
		// identity number → flagged.
		"2025|小学|" + fxN + "|" + child["PDE"] + "|4|疑似辍学|true|∅|∅",
		// PASS: passport pupil, vanished in term 2. The register has a row
		// with her number E12345678 (2026-02-25), but a register row matches
		// no pupil of another document type (inputs.md): still 疑似辍学.
		"2025|小学|" + fxN + "|" + child["PASS"] + "|2|疑似辍学|false|∅|∅",
		// Not here: S1 and S2 (J's junior base of 2025, absent from R(2025,2)
		// only because J sent no term-2 roster). J's rate and the town's
		// junior rate are 无数据, so they are counted in no numerator, and
		// mart.dropouts is "one row per child counted in a dropout numerator"
		// (warehouse.md); calling them 疑似辍学 (concealment) would accuse a
		// school of hiding pupils it has simply not reported yet.
	}
}

// wantUnaccounted: school_year|term|id|reason|terms_on_list. The list is
// H(Y) aged 6-15 less those accounted for (在读/休学/毕业 at 1-9 in R(Y,t),
// a graduate row of Y or earlier, E(Y) at 小学/初中/高中, D(Y) placed or
// 缓学/免学). Accounted throughout by their D rows: DH (送教上门), DX (缓学).
func wantUnaccounted() []string {
	u := func(year, term int, code, reason string, terms int) string {
		return fmt.Sprintf("%d|%d|%s|%s|%d", year, term, child[code], reason, terms)
	}
	return []string{
		// (2024,1): everyone aged 6-15 in H(2024) is in R(2024,1) or D(2024)
		// except M2 (no row anywhere, no migration row of 2024).
		u(2024, 1, "M2", "从未入学", 1),
		// (2024,2): J1 is absent but has a graduate row of 2024; S2, S4, N1, J2
		// are 毕业; XIU 休学.
		// RD: absent; latest register row 2025-03-10 is 已返校 but 返校日期
		// 2025-09-01 is after the term's last day 2025-08-31.
		u(2024, 2, "RD", "已登记辍学", 1),
		// X: effective status 辍学.
		u(2024, 2, "X", "已登记辍学", 1),
		u(2024, 2, "M2", "从未入学", 2),
		// (2025,1): graduates J1 J2 N1 (15) accounted by their 2024 rows.
		// B1 (born 2019-08-31, aged 6) is 在读 at K3 → 仍在幼儿园; B2 (aged 5)
		// is not on the list.
		u(2025, 1, "B1", "仍在幼儿园", 1),
		// NE: never enrolled, D 未入学 does not account (aged 5 in 2024).
		u(2025, 1, "NE", "从未入学", 1),
		// M2: 2025 migration row 随迁外出 without proof; third term running.
		u(2025, 1, "M2", "外出未取得就读证明", 3),
		// Q2: the quarantined (2025,1) row carries her identity number.
		u(2025, 1, "Q2", "数据待核实", 1),
		// S4: no row, 在读 at grade 6 in (2024,1).
		u(2025, 1, "S4", "学籍消失", 1),
		// (2025,2): M1 is absent but in E(2025) at 小学; Q2 back 在读.
		u(2025, 2, "B1", "仍在幼儿园", 2),
		u(2025, 2, "NE", "从未入学", 2),
		u(2025, 2, "M2", "外出未取得就读证明", 4),
		u(2025, 2, "S4", "学籍消失", 2),
		// D3: absent, 在读 earlier, nothing else applies.
		u(2025, 2, "D3", "学籍消失", 1),
		// Not here: S1, S2. They were on J's roll in (2025,1), the snapshot
		// just before (2025,2), and J sent no (2025,2) roster: they are not
		// judged for (2025,2) (contract change of 2026-12-05); the quality
		// page lists J's missing roster (名册未报送) instead.
		// D1: effective status 辍学.
		u(2025, 2, "D1", "已登记辍学", 1),
		// D2: latest register row 2025-12-01 ≤ 2026-08-31, 劝返中.
		u(2025, 2, "D2", "已登记辍学", 1),
		// TO: effective status 转出, no E(2025) row.
		u(2025, 2, "TO", "外出未取得就读证明", 1),
		// PDE: a quarantined (2025,2) row with his name and birth date.
		u(2025, 2, "PDE", "数据待核实", 1),
		// RDEATH: roster 死亡 but household 正常 (project decision).
		u(2025, 2, "RDEATH", "数据待核实", 1),
		// DEATH is in no H(2025) (死亡): on no list.
	}
}
