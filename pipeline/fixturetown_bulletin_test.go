package pipeline

import (
	"database/sql"
	"testing"
)

// checkFixtureBulletin compares mart.school_term_bulletin of the fixture
// town with the rows worked out below from indicators.md ("Semester
// bulletin", changed 2026-12-05), one row per (Y, t, school, level).
func checkFixtureBulletin(t *testing.T, db *sql.DB) {
	t.Helper()
	got := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, term::VARCHAR, school_code, level,
		roster_received::VARCHAR, coalesce(enrolled::VARCHAR, '∅'), coalesce(left_this_term::VARCHAR, '∅'),
		coalesce(returned_this_term::VARCHAR, '∅'), coalesce(dropouts_ytd::VARCHAR, '∅'),
		coalesce(dropout_status, '∅'), coalesce(registered_dropouts::VARCHAR, '∅'),
		coalesce(returned_registered::VARCHAR, '∅'), coalesce(no_dropout_classes::VARCHAR, '∅'))
		FROM mart.school_term_bulletin`)
	sameSet(t, "mart.school_term_bulletin", got, wantBulletin)
	// The t=2 rate is exactly the level's dropout indicator of the school:
	// P 2024 1/10, N 2024 小学 0/4 and 初中 1/5, J 2024 0/2, P 2025 2/11,
	// N 2025 小学 3/3 and 初中 0/3; J 2025 is 无数据 (no term-2 roster).
	rates := queryStrings(t, db, `SELECT concat_ws('|', school_year::VARCHAR, school_code, level,
		coalesce(printf('%.4f', dropout_rate_ytd), '∅')) FROM mart.school_term_bulletin
		WHERE term = 2 AND level <> '学前'`)
	sameSet(t, "bulletin rates", rates, []string{
		"2024|" + fxP + "|小学|10.0000", "2024|" + fxJ + "|初中|0.0000",
		"2024|" + fxN + "|小学|0.0000", "2024|" + fxN + "|初中|20.0000",
		"2025|" + fxP + "|小学|18.1818", "2025|" + fxJ + "|初中|∅",
		"2025|" + fxN + "|小学|100.0000", "2025|" + fxN + "|初中|0.0000",
	})
}

// wantBulletin: school_year|term|school|level|roster_received|enrolled|
// left_this_term|returned_this_term|dropouts_ytd|dropout_status|
// registered_dropouts|returned_registered|no_dropout_classes.
//
// Levels: K (幼儿园) → 学前; P (小学) → 小学; J (初中) → 初中; N (九年一贯制
// with 附设学前班) → 学前, 小学 and 初中, whether or not it holds pupils
// there (N has no 学前 pupil in 2024). No school holds pupils outside
// those levels, so every term has 6 rows, J's (2025,2) too although J sent
// nothing then.
//
// enrolled counts the school's own 在读 rows at the level. Left/returned
// compare with the previous snapshot ((Y,1) for t=2, (Y-1,2) for t=1):
// there is none before (2024,1), so both are NULL there, and NULL too for J
// in (2025,2). dropouts_ytd/status: t=2, 小学 and 初中 only, the school's
// indicator (fixturetown_test.go's wantIndicators). Register rows count for
// the school and the level of their 年级 when 辍学日期 is in Y and on or
// before the term's last day (31 Jan Y+1 / 31 Aug Y+1); returned only when
// 已返校 with a 返校日期 on or before that day. 学前 has no register figures.
var wantBulletin = []string{
	// (2024,1): K B1 B2 G1; P 10; J J1 J2; N 小学 PDE D2 S3 S4, 初中 XIU
	// RDEATH Q2 X N1, 学前 none. RD's register row (2025-03-10) is after
	// 2025-01-31.
	"2024|1|" + fxK + "|学前|true|3|∅|∅|∅|∅|∅|∅|∅",
	"2024|1|" + fxP + "|小学|true|10|∅|∅|∅|∅|0|0|∅",
	"2024|1|" + fxJ + "|初中|true|2|∅|∅|∅|∅|0|0|∅",
	"2024|1|" + fxN + "|学前|true|0|∅|∅|∅|∅|∅|∅|∅",
	"2024|1|" + fxN + "|小学|true|4|∅|∅|∅|∅|0|0|∅",
	"2024|1|" + fxN + "|初中|true|5|∅|∅|∅|∅|0|0|∅",
	// (2024,2). K: B1 B2 G1 again.
	"2024|2|" + fxK + "|学前|true|3|0|0|∅|∅|∅|∅|∅",
	// P: 在读 DV DUP D3 TO D1 M1 DEATH S1 = 8 (S2 毕业). Left: RD (gone, no
	// status, no E(2024)). primary_dropout P 1/10 = 10% > 0.5 → 一票否决.
	// Register: RD (grade 4, 2025-03-10 ≤ 2025-08-31) = 1, but its 已返校 is
	// dated 2025-09-01, after the term's last day → 0 returned (a return
	// dated after the term does not count in that term). Classes of R(2024,1)
	// with base children: g1c1 DV; g2c1 DUP D3; g2c2 TO; g4c1 RD D1; g4c2
	// M1 DEATH; g6c1 S1 S2 → all but g4c1 = 5.
	"2024|2|" + fxP + "|小学|true|8|1|0|1|一票否决|1|0|5",
	// J: J2 毕业 → 0 在读. Left: J1 (absent, no status, not in E(2024): the
	// graduate row is no exemption for 本学期流失). junior_dropout J 0/2
	// 达标; g9c1 (J1 J2) has no dropout → 1.
	"2024|2|" + fxJ + "|初中|true|0|1|0|0|达标|0|0|1",
	"2024|2|" + fxN + "|学前|true|0|0|0|∅|∅|∅|∅|∅",
	// N 小学: 在读 PDE D2 S3 = 3 (S4 毕业); nobody left; 0/4 达标; classes
	// g3c1 PDE, g5c1 D2, g6c1 S3 S4 → 3.
	"2024|2|" + fxN + "|小学|true|3|0|0|0|达标|0|0|3",
	// N 初中: 在读 RDEATH Q2 = 2 (XIU 休学, X 辍学, N1 毕业). Left: X (辍学).
	// 1/5 = 20% > 3 → 一票否决. Classes g7c1 (XIU RDEATH Q2) and g9c1 (N1)
	// clean, g8c1 (X) not → 2.
	"2024|2|" + fxN + "|初中|true|2|1|0|1|一票否决|0|0|2",
	// (2025,1). K: B1 B2; G1 moved on to P (still 在读 somewhere).
	"2025|1|" + fxK + "|学前|true|2|0|0|∅|∅|∅|∅|∅",
	// P: G1 G2 DV DUP D3 TO RD D1 M1 DEATH OD = 11. Left since (2024,2):
	// none (S1 now at J). Returned: RD (absent from (2024,2), 在读 in
	// (2024,1)); not G1 (在读 at K in (2024,2)), not G2 or OD (never 在读
	// before). D1's register row (2026-02-20) is after 2026-01-31.
	"2025|1|" + fxP + "|小学|true|11|0|1|∅|∅|0|0|∅",
	// J: S1 S2; S1 was 在读 at P and S2 毕业 in (2024,2): no return.
	"2025|1|" + fxJ + "|初中|true|2|0|0|∅|∅|0|0|∅",
	// N 学前: KN, new (never 在读 before): not a return.
	"2025|1|" + fxN + "|学前|true|1|0|0|∅|∅|∅|∅|∅",
	// N 小学: PASS(g2) DUP(g3) PDE(g4) D2(g6) = 4; PDE D2 S3 of (2024,2) are
	// all 在读 somewhere. Register: D2 (grade 6, 2025-12-01 ≤ 2026-01-31).
	"2025|1|" + fxN + "|小学|true|4|0|0|∅|∅|1|0|∅",
	// N 初中: S3 RDEATH X = 3 (XIU 休学, Q2's row quarantined). Left: Q2 (在读
	// at N in (2024,2), now in no valid row, not in E). Returned: X (辍学 in
	// (2024,2)).
	"2025|1|" + fxN + "|初中|true|3|1|1|∅|∅|0|0|∅",
	// (2025,2). K: B1 B2.
	"2025|2|" + fxK + "|学前|true|2|0|0|∅|∅|∅|∅|∅",
	// P (from _v2): G1 G2 DV DUP RD OD = 6 (D1 辍学, TO 转出). Left: D3
	// (gone), D1 (辍学), DEATH (gone; the roster gives no 死亡 status, not
	// in E); not TO (转出), not M1 (E(2025)). primary_dropout P 2/11 (D1 D3)
	// → 一票否决. Register: D1 (2026-02-20), 无法劝返. Classes of R(2025,1)
	// with P's base children: g1c1 G1 G2; g2c1 DV; g3c1 DUP D3; g3c2 TO;
	// g4c1 RD; g5c1 D1 M1 DEATH; g6c1 OD → g1c1 g2c1 g3c2 g4c1 g6c1 = 5.
	"2025|2|" + fxP + "|小学|true|6|3|0|2|一票否决|1|0|5",
	// J sent no (2025,2) roster: the row stays, with nothing known but the
	// register (no row for J) and the indicator's 无数据.
	"2025|2|" + fxJ + "|初中|false|∅|∅|∅|∅|无数据|0|0|∅",
	"2025|2|" + fxN + "|学前|true|1|0|0|∅|∅|∅|∅|∅",
	// N, a 九年一贯制 school with a 小学 veto and a clean 初中: the two
	// levels are two rows. 小学: nobody 在读 (PDE's row is quarantined).
	// Left: PASS, PDE, D2 (DUP is 在读 at P). primary_dropout N 3/3 = 100%
	// → 一票否决. Register: D2 (2025-12-01, grade 6) and PASS (2026-02-25,
	// grade 2, listed by her passport number E12345678: a Latin-letter
	// number in the register is another document, kept, not quarantined)
	// = 2 rows of N's 小学, neither returned. Classes g2c1 PASS, g4c1 PDE,
	// g6c1 D2 all lost a pupil → 0.
	"2025|2|" + fxN + "|小学|true|0|3|0|3|一票否决|2|0|0",
	// 初中: S3 XIU X Q2 = 4 (RDEATH 死亡: not left). Returned: Q2 (absent
	// from (2025,1), 在读 in 2024); not XIU (休学 then, not absent).
	// junior_dropout N 0/3 → 达标. Classes g7c1 S3, g8c1 RDEATH X → 2.
	"2025|2|" + fxN + "|初中|true|4|0|1|0|达标|0|0|2",
}
