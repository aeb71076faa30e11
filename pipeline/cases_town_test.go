package pipeline

import (
	"strings"
	"testing"
)

// TestCaseTown checks mart.cases, the E(Y) extension and the returned
// workbook's load against the derivation in cases_test.go.
func TestCaseTown(t *testing.T) {
	r, _ := caseTown(t)
	db := openRO(t, r.Config.Paths.Warehouse)

	t.Run("cases", func(t *testing.T) {
		rows := queryStrings(t, db, `SELECT concat_ws('|', case_id, opened_reason, terms_open, status,
			coalesce(closed_on::VARCHAR, '∅'), coalesce(closed_year || '-' || closed_term, '∅'),
			coalesce(close_basis, '∅'), days_open, coalesce(last_outcome, '∅'),
			coalesce(deadline::VARCHAR, '∅'), overdue) FROM mart.cases`)
		sameSet(t, "mart.cases", coded(rows), wantCases)
	})

	t.Run("as-of date", func(t *testing.T) {
		sameSet(t, "core.as_of", queryStrings(t, db, "SELECT as_of::VARCHAR FROM core.as_of"), []string{"2026-03-10"})
	})

	t.Run("particulars", func(t *testing.T) {
		// OVER: V1 青山村 (包村干部 王建国), group 1 (赵组长), never on a roll,
		// latest followup by 王建国 with 送达责令限期改正通知书. ENR: last on N's
		// roll (2025,1) with 班主任 黄老师.
		got := queryStrings(t, db, `SELECT concat_ws('|', case_id, name, coalesce(village_code, '∅'),
			coalesce(group_no, '∅'), coalesce(school_code, '∅'), coalesce(town_cadre, '∅'),
			coalesce(village_cadre, '∅'), coalesce(head_teacher, '∅'), coalesce(last_checker, '∅'),
			coalesce(last_measures, '∅'), guardian) FROM mart.cases
			WHERE case_id IN ('2023-2-430521201509091639', '2024-2-430521201403011004')`)
		sameSet(t, "particulars", coded(got), []string{
			"2023-2-OVER|孙小雨|430521101201|1|∅|王建国|赵组长|∅|王建国|送达责令限期改正通知书|孙家长",
			"2024-2-ENR|蒋文博|430521101201|1|2143052107|王建国|赵组长|黄老师|黄老师|∅|蒋家长",
		})
	})

	t.Run("E(Y) extension", func(t *testing.T) {
		// EOFF vanished from the (2024,2) roster, but its followup of
		// 2025-03-20 proves schooling elsewhere in 2024: not on that list,
		// not a dropout of 2024; ENR, gone the same way without proof, is
		// both. EVM's proof of 2024-10-15 keeps it off the 2024 lists.
		listed := queryStrings(t, db, `SELECT concat_ws('|', school_year, term, id_number, reason)
			FROM mart.unaccounted_children WHERE school_year = 2024 AND term = 2 AND reason = '学籍消失'`)
		sameSet(t, "(2024,2) 学籍消失", coded(listed), []string{"2024|2|ENR|学籍消失", "2024|2|GRAD|学籍消失"})
		drop := queryStrings(t, db, `SELECT concat_ws('|', school_year, id_number, kind) FROM mart.dropouts`)
		sameSet(t, "mart.dropouts", coded(drop), []string{"2024|ENR|疑似辍学"})
		evm := queryStrings(t, db, `SELECT concat_ws('|', school_year, term) FROM mart.unaccounted_children
			WHERE id_number = '43052120120404142X'`)
		sameSet(t, "EVM on the lists", evm, []string{"2023|2", "2025|1"})
	})

	t.Run("returned workbook", func(t *testing.T) {
		got := queryStrings(t, db, `SELECT concat_ws('|', kind, rows_total, rows_loaded, rows_quarantined, rows_skipped)
			FROM audit.loads WHERE file_name LIKE '核查表%'`)
		sameSet(t, "audit.loads of the workbook", got, []string{"followup|11|9|0|2"})
	})

	t.Run("data tests", func(t *testing.T) {
		// The three case tests ran in the build (an error stops publishing);
		// here: they pass, and DEAD, on the (2025,1) list, is exempt.
		for _, q := range []string{"cases_one_open_per_listed_child", "cases_closed_have_basis", "cases_none_open_after_death"} {
			n := queryStrings(t, db, `SELECT concat_ws('|', test, failures) FROM audit.test_results WHERE test = '`+q+`'`)
			sameSet(t, q, n, []string{q + "|0"})
		}
	})
}

// coded replaces the identity numbers in rows by the codes of cases_test.go.
func coded(rows []string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		for code, id := range caseKid {
			r = strings.ReplaceAll(r, id, code)
		}
		out[i] = r
	}
	return out
}

// TestCaseTownFindings: the follow-up findings of the case town.
//
//	核查对象不在名单  OK1's 在本镇就读 of 2025-10-10 (never listed). EOFF's
//	                  proof of 2025-03-20 is what keeps it off the 2024
//	                  lists, so it is not flagged.
//	查无此人          NOTDUE's row of 2025-10-12.
//	户籍待更新        DEAD: 已死亡 proof of 2024-03-05 (school year 2023),
//	                  still 正常 in H(2024) and H(2025).
//	已销号案件的核查  MOVED's 户籍已迁出 of 2025-10-08 (no proof), after its
//	                  case closed on 2024-05-20, with no case open since.
func TestCaseTownFindings(t *testing.T) {
	r, _ := caseTown(t)
	db := openRO(t, r.Config.Paths.Warehouse)
	got := queryStrings(t, db, `SELECT concat_ws('|', finding, check_date, id_number) FROM mart.followup_findings`)
	sameSet(t, "mart.followup_findings", coded(got), []string{
		"核查对象不在名单|2025-10-10|OK1",
		"查无此人|2025-10-12|NOTDUE",
		"户籍待更新|2024-03-05|DEAD",
		"已销号案件的核查|2025-10-08|MOVED",
	})
	detail := queryStrings(t, db, `SELECT detail FROM mart.followup_findings WHERE finding = '户籍待更新'`)
	sameSet(t, "户籍待更新 detail", detail, []string{"已取得已死亡证明，但2024-2025学年、2025-2026学年户籍人口中仍为正常：请户籍部门更新"})
}
