package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dropwatch"
)

// The corpus of bad and awkward input files (testdata/corpus, described
// one line a file in its README.md). Every file is loaded into a fresh
// warehouse and its outcome asserted: loaded or rejected, the kind, the
// rows read and quarantined, for a rejection a part of the Chinese message,
// and for a loaded file every entry of raw.cell_errors (row and column
// exactly, a part of the reason).
//
// Codes missing from 学校名录/村居名录 are checked by SQL at build time,
// not by the loader, so no case expects them in raw.cell_errors.

const corpusDir = "testdata/corpus"

// cellErr is one expected entry of raw.cell_errors: the row number and
// column exactly, and a part of the reason.
type cellErr struct {
	row    int
	col    string
	reason string
}

type corpusCase struct {
	file        string
	outcome     Outcome
	kind        string
	rows        int64
	quarantined int64
	skipped     int64     // unvisited 核查反馈 rows: read, neither loaded nor quarantined
	msg         string    // rejected: part of the message
	errs        []cellErr // loaded: every entry of raw.cell_errors
	// check makes further assertions after the standard ones.
	check func(t *testing.T, db *sql.DB, res Result)
	// flex: the contract allows more than one right behaviour, so check
	// makes every assertion and the fields above are not compared.
	flex bool
	// gap names a known loader gap: the case states the right behaviour
	// and is skipped with this reason until the gap is closed.
	gap string
}

const (
	idZhao = "430521201908310114" // 赵子涵, 2019-08-31
	idQian = "430521201603070228" // 钱欣怡, 2016-03-07
	idSun  = "430521201205110335" // 孙浩然, 2012-05-11
	idLi   = "43052120130115002X" // 李思琪, 2013-01-15
)

// stored-as-number reasons all say the cell was 存成(了)数字.
const storedAsNumber = "存成"

var corpusCases = []corpusCase{
	// ---- files that cannot be read or hold nothing ----
	{file: "empty.csv", outcome: Rejected, msg: "文件是空的"},
	{file: "bom_only.csv", outcome: Rejected, msg: "文件是空的"},
	{file: "empty_sheet.xlsx", outcome: Rejected, msg: "文件是空的"},
	{file: "header_only.csv", outcome: Loaded, kind: "roster"},
	{file: "header_blank_rows.csv", outcome: Loaded, kind: "roster"},
	{file: "truncated.xlsx", outcome: Rejected, msg: "文件无法按 .xlsx 格式读取"},
	{file: "truncated.xls", outcome: Rejected, msg: "文件无法按 .xls 格式读取"},
	{file: "学籍名册.et", outcome: Rejected, msg: "不支持的文件格式「.et」"},

	// ---- encodings ----
	{file: "utf8_bom.csv", outcome: Loaded, kind: "roster", rows: 2,
		check: names("赵子涵", "钱欣怡")},
	{file: "学籍名册_utf8.csv", outcome: Loaded, kind: "roster", rows: 3,
		check: names("赵子涵", "钱欣怡", "刘䶮")}, // GB18030, 䶮 in four bytes
	{file: "gbk_after_70k_ascii.csv", outcome: Rejected, kind: "roster",
		msg: "不是UTF-8编码的内容", check: checkLateGBK},
	{file: "学籍名册_unicode.txt", outcome: Rejected, msg: "UTF-16"},
	{file: "学籍名册_制表符.txt", flex: true, check: checkTabText},

	// ---- workbooks under another name, sheets ----
	{file: "学籍名册_workbook.csv", outcome: Rejected, msg: "文件实际上是Excel工作簿"},
	{file: "xls_named.xlsx", outcome: Loaded, kind: "roster", rows: 3,
		check: all(sheet("Sheet1"), names("赵子涵", "钱欣怡", "孙浩然"))},
	{file: "notes_then_roster.xlsx", outcome: Loaded, kind: "roster", rows: 3,
		check: all(sheet("学籍名册"),
			values("SELECT school_code || ' ' || birth_date || ' ' || class_no FROM raw.roster ORDER BY _row",
				"2143052103 2019-08-31 1", "2143052103 2016-03-07 2", "2143052103 2012-05-11 3"))},
	{file: "hidden_first_sheet.xlsx", outcome: Loaded, kind: "household", rows: 2,
		check: all(sheet("Sheet1"), values("SELECT count(*) FROM raw.village", "0"))},
	{file: "merged_title.xls", outcome: Rejected, msg: "找不到可识别的表头"},
	{file: "merged_title.xlsx", outcome: Rejected, msg: "找不到可识别的表头"},

	// ---- headers ----
	{file: "duplicate_header.csv", outcome: Rejected, msg: "表头「姓名」出现了两次（第4列和第10列）"},
	{file: "duplicate_extra_header.csv", flex: true, check: checkDuplicateExtra},
	{file: "missing_grade.csv", outcome: Rejected, msg: "「学籍名册」缺少必填列「年级」"},
	{file: "bracket_annotation_header.csv", outcome: Rejected, msg: "「学籍名册」缺少必填列「年级」"},
	{file: "成绩单.csv", outcome: Rejected, msg: "找不到可识别的表头"},
	{file: "成绩单_有班级.csv", outcome: Rejected, msg: "找不到可识别的表头"},
	{file: "reordered_extra_columns.csv", outcome: Loaded, kind: "roster", rows: 2,
		check: values("SELECT concat_ws(' ', name, gender, school_year, term, grade, class_no, coalesce(_extra, '-')) FROM raw.roster ORDER BY _row",
			`赵子涵 男 2025 1 1 1 {"备注":"转入","序号":"1"}`, `钱欣怡 女 2025 1 4 2 {"序号":"2"}`)},
	{file: "english_keys.csv", outcome: Loaded, kind: "roster", rows: 1,
		check: values("SELECT concat_ws(' ', name, gender, grade, id_number) FROM raw.roster", "赵子涵 男 1 "+idZhao)},
	{file: "decorated_headers.csv", outcome: Loaded, kind: "roster", rows: 1,
		check: all(values("SELECT _extra FROM raw.roster", `{"备注（选填）":"转入"}`),
			values("SELECT json_extract_string(columns, '$.name') FROM raw.load_log", "姓 名"))},

	// ---- identity numbers ----
	{file: "id_as_float.csv", outcome: Loaded, kind: "roster", rows: 4, quarantined: 3, errs: []cellErr{
		{2, "身份证件号", storedAsNumber}, {3, "身份证件号", storedAsNumber}, {4, "身份证件号", storedAsNumber}}},
	{file: "id_number_cells.xlsx", outcome: Loaded, kind: "roster", rows: 3, quarantined: 2, errs: []cellErr{
		{3, "身份证件号", storedAsNumber}, {4, "身份证件号", storedAsNumber}}},
	{file: "id_number_cell_checksum_ok.xlsx", outcome: Loaded, kind: "roster", rows: 1, quarantined: 1, errs: []cellErr{
		{2, "身份证件号", storedAsNumber}}},
	{file: "id_number_cell_checksum_ok.xls", outcome: Loaded, kind: "roster", rows: 1, quarantined: 1, errs: []cellErr{
		{2, "身份证件号", storedAsNumber}}},
	{file: "id_number_cell_digits_checksum_ok.xlsx", outcome: Loaded, kind: "roster", rows: 1, quarantined: 1, errs: []cellErr{
		{2, "身份证件号", storedAsNumber}},
		gap: "excelize's row stream gives no cell types: an 18-digit number cell spelled as plain digits " +
			"(as non-Excel writers do) whose lost tail happens to pass the check digit (1 in 11) loads " +
			"unflagged; Excel itself writes such cells as 4.3E+17, which is caught (docs/reliability.md)"},
	{file: "id_spellings.csv", outcome: Loaded, kind: "roster", rows: 5, check: checkIDSpellings},
	{file: "id_other_errors.csv", outcome: Loaded, kind: "roster", rows: 5, quarantined: 5, errs: []cellErr{
		{2, "身份证件号", "校验位错误（最后一位按前17位算应为1）"},
		{3, "身份证件号", "省级行政区划代码"},
		{4, "身份证件号", "出生日期与身份证号中的出生日期（2010-09-09）不一致"},
		{5, "身份证件号", "晚于今天"},
		{6, "身份证件号", "位数不对（共17位）"}}},
	{file: "graduate_legacy15.csv", outcome: Loaded, kind: "graduate", rows: 2,
		check: values("SELECT id_number FROM raw.graduate ORDER BY _row", withCheck("43052119990315123"), "430521201009090058")},
	{file: "passport.csv", outcome: Loaded, kind: "roster", rows: 4, quarantined: 1,
		errs: []cellErr{{5, "身份证件号", "必填项「身份证件号」为空"}},
		check: values("SELECT id_type || ' ' || coalesce(id_number, '-') FROM raw.roster ORDER BY _row",
			"A E12345678", "8 08123456", "1 "+idZhao, "A -")},

	// ---- dates and codes ----
	{file: "impossible_dates.csv", outcome: Loaded, kind: "roster", rows: 6, quarantined: 3,
		errs:  []cellErr{{2, "出生日期", "该月只有28天"}, {3, "出生日期", "月份不在1-12之间"}, {7, "出生日期", "不是可识别的日期"}},
		check: values("SELECT birth_date::VARCHAR FROM raw.roster WHERE _ok ORDER BY _row", "2020-02-29", "2012-05-11", "2013-01-15")},
	{file: "date_serials_as_text.csv", outcome: Loaded, kind: "roster", rows: 4, quarantined: 1,
		errs:  []cellErr{{5, "出生日期", "Excel日期序号"}},
		check: values("SELECT birth_date::VARCHAR FROM raw.roster WHERE _ok ORDER BY _row", "2019-08-31", "2016-03-07", "2012-05-11")},
	{file: "school_years.csv", outcome: Loaded, kind: "roster", rows: 4, quarantined: 1,
		errs:  []cellErr{{5, "学年", "后一年应比前一年大1"}},
		check: values("SELECT school_year FROM raw.roster WHERE _ok ORDER BY _row", "2025", "2025", "2025")},
	{file: "terms.csv", outcome: Loaded, kind: "roster", rows: 8, quarantined: 1,
		errs:  []cellErr{{9, "学期", "不是可识别的学期"}},
		check: values("SELECT string_agg(term, '' ORDER BY _row) FROM raw.roster WHERE _ok", "1111222")},
	{file: "grades.csv", outcome: Loaded, kind: "roster", rows: 7, quarantined: 2,
		errs:  []cellErr{{5, "年级", "不是可识别的年级"}, {7, "年级", "年级与学段不符"}},
		check: values("SELECT string_agg(grade, ' ' ORDER BY _row) FROM raw.roster WHERE _ok", "8 8 8 8 K3")},
	{file: "household_status.csv", outcome: Loaded, kind: "household", rows: 5, quarantined: 1,
		errs:  []cellErr{{6, "户籍状态", "正常、迁出、死亡"}},
		check: values("SELECT coalesce(reg_status, '-') FROM raw.household WHERE _ok ORDER BY _row", "正常", "迁出", "死亡", "-")},
	{file: "dropout_returned_no_date.csv", outcome: Loaded, kind: "dropout", rows: 3, quarantined: 1,
		errs: []cellErr{{3, "返校日期", "劝返状态为「已返校」时必须填写返校日期"}}},
	{file: "dropout_negative_visits.csv", outcome: Loaded, kind: "dropout", rows: 3, quarantined: 2,
		errs: []cellErr{{2, "劝返次数", "数值应在0到10000之间"}, {3, "劝返次数", "不是整数"}}},

	// ---- rows ----
	{file: "duplicate_child.csv", outcome: Loaded, kind: "roster", rows: 3, check: checkDuplicateChild},
	{file: "blank_lines_before_header.csv", outcome: Loaded, kind: "roster", rows: 2, quarantined: 1,
		errs: []cellErr{{6, "身份证件号", "校验位错误"}}},
	{file: "ragged_rows.csv", flex: true, check: checkRagged},
	{file: "quoted_multiline_crlf.csv", outcome: Loaded, kind: "roster", rows: 3, quarantined: 1,
		errs: []cellErr{{4, "性别", "不是可识别的性别"}},
		check: values("SELECT concat_ws('|', name, guardian, coalesce(_extra, '-')) FROM raw.roster ORDER BY _row",
			`赵子涵|赵建国,李梅|{"备注":"转入,原校：\n城关小学"}`, `钱欣怡|钱进|{"备注":"第一行\n第二行"}`, "孙浩然|孙立|-")},
	{file: "stray_quote.csv", outcome: Loaded, kind: "roster", rows: 2, check: names(`赵"小"涵`, "钱欣怡")},
	{file: "unclosed_quote.csv", flex: true, check: checkUnclosedQuote},

	// ---- 核查反馈 (kind 10) ----
	{file: "followup_rules.csv", outcome: Loaded, kind: "followup", rows: 9, quarantined: 5, skipped: 1, errs: []cellErr{
		{3, "限期日期", "核查结果为「拒不入学」时必须填写限期日期"},
		{4, "就读学校", "核查结果为「在外地就读」时必须填写就读学校"},
		{5, "就读学段", "已取得证明材料时必须填写就读学段"},
		{6, "核查日期", "核查日期2026-03-02晚于文件装载当天（北京时间2026-03-01）"},
		{7, "核查结果", "在本镇就读、在外地就读"}},
		check: all(
			values("SELECT concat_ws(' ', _row, id_number, outcome, evidence, coalesce(level_attended, '-'), coalesce(deadline::VARCHAR, '-')) FROM raw.followup WHERE _ok ORDER BY _row",
				"2 "+idZhao+" 在外地就读 true 小学 -", "9 H80465540 拒不入学 false - 2026-03-31", "10 "+idSun+" 在外地就读 false - -"),
			// the pre-filled columns come back as they were, unvalidated
			values(`SELECT _extra->>'$."学年"' || ' ' || (_extra->>'$."学期"') || ' ' || (_extra->>'$."案件编号"') FROM raw.followup WHERE _row = 2`,
				"二〇二五 第三学期 2025-2-"+idZhao))},
	{file: "核查反馈_gbk.csv", outcome: Loaded, kind: "followup", rows: 2,
		check: values("SELECT concat_ws(' ', name, check_date, outcome, coalesce(school_attended, '-'), coalesce(deadline::VARCHAR, '-')) FROM raw.followup ORDER BY _row",
			"钱欣怡 2026-02-20 在外地就读 广东省东莞市长安镇第二小学（公办） -", "孙浩然 2026-02-21 拒不入学 - 2026-03-21")},
	{file: "核查反馈.xlsx", outcome: Loaded, kind: "followup", rows: 4, quarantined: 1, skipped: 1,
		errs: []cellErr{{4, "限期日期", "必须填写限期日期"}},
		check: values("SELECT concat_ws(' ', _row, check_date, id_number, outcome, evidence) FROM raw.followup WHERE _ok ORDER BY _row",
			"2 2026-02-20 "+idZhao+" 已劝返复学 false", "5 2026-02-22 "+idLi+" 已死亡 true")},
	{file: "核查反馈.xls", outcome: Loaded, kind: "followup", rows: 4, quarantined: 1, skipped: 1,
		errs: []cellErr{{4, "限期日期", "必须填写限期日期"}},
		check: values("SELECT concat_ws(' ', sheet, string_agg(_row || check_date::VARCHAR, ' ' ORDER BY _row)) FROM raw.followup JOIN raw.load_log ON load_id = _load_id GROUP BY sheet",
			"核查表 22026-02-20 42026-02-21 52026-02-22")},

	// ---- 月考勤 (kind 11) ----
	{file: "attendance_rules.csv", outcome: Loaded, kind: "attendance", rows: 10, quarantined: 6, errs: []cellErr{
		{4, "应出勤天数", "超过了2026年2月的天数（28天）"},
		{5, "缺勤天数", "缺勤天数19大于应出勤天数18"},
		{6, "病事假天数", "病事假天数5大于缺勤天数4"},
		{7, "月份", "数值应在1到12之间"},
		{8, "缺勤天数", "数值应在0到31之间"},
		{10, "身份证件号", "校验位错误"}},
		check: values("SELECT concat_ws(' ', school_year, month, id_number, days_required, days_absent, coalesce(days_excused::VARCHAR, '-')) FROM raw.attendance WHERE _ok ORDER BY _row",
			"2025 9 "+idZhao+" 21 0 0", "2025 10 "+idQian+" 17 6 1", "2025 11 M1234567 20 2 -", "2025 1 "+idQian+" 20 3 -")},
	{file: "月考勤_gbk.csv", outcome: Loaded, kind: "attendance", rows: 3,
		check: values("SELECT concat_ws(' ', name, month, days_absent, coalesce(absence_reason, '-')) FROM raw.attendance ORDER BY _row",
			"赵子涵 9 0 -", "钱欣怡 9 5 家中农忙（秋收）", "钱欣怡 10 6 无故缺勤")},
	{file: "月考勤.xlsx", outcome: Loaded, kind: "attendance", rows: 4, quarantined: 1,
		errs: []cellErr{{5, "缺勤天数", "缺勤天数21大于应出勤天数20"}},
		check: values("SELECT concat_ws(' ', month, id_number, days_required, days_absent, coalesce(days_excused::VARCHAR, '-')) FROM raw.attendance WHERE _ok ORDER BY _row",
			"9 "+idZhao+" 21 0 0", "9 "+idQian+" 21 5 1", "10 "+idQian+" 17 6 -")},
	{file: "月考勤.xls", outcome: Loaded, kind: "attendance", rows: 4, quarantined: 1,
		errs: []cellErr{{5, "缺勤天数", "缺勤天数21大于应出勤天数20"}},
		check: values("SELECT concat_ws(' ', sheet, string_agg(name, ' ' ORDER BY _row)) FROM raw.attendance JOIN raw.load_log ON load_id = _load_id GROUP BY sheet",
			"月考勤 赵子涵 钱欣怡 钱欣怡 钱欣怡")},
}

func TestCorpus(t *testing.T) {
	for _, c := range corpusCases {
		t.Run(c.file, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			t.Parallel()
			ld, db := newLoader(t)
			res, err := ld.LoadFile(context.Background(), filepath.Join(corpusDir, c.file))
			if err != nil {
				t.Fatalf("warehouse error: %v", err)
			}
			if !c.flex {
				assertOutcome(t, db, res, c)
			}
			assertConsistent(t, db, res)
			if c.check != nil && !t.Failed() || c.flex {
				c.check(t, db, res)
			}
		})
	}
}

// assertOutcome compares a result and raw.cell_errors with the case.
func assertOutcome(t *testing.T, db *sql.DB, res Result, c corpusCase) {
	t.Helper()
	if res.Outcome != c.outcome || res.Kind != c.kind || res.Rows != c.rows || res.Quarantined != c.quarantined || res.Skipped != c.skipped {
		t.Errorf("got %s kind %q rows %d quarantined %d skipped %d (%s)\nwant %s kind %q rows %d quarantined %d skipped %d",
			res.Outcome, res.Kind, res.Rows, res.Quarantined, res.Skipped, res.Message, c.outcome, c.kind, c.rows, c.quarantined, c.skipped)
	}
	if c.outcome == Rejected && !strings.Contains(res.Message, c.msg) {
		t.Errorf("message %q, want it to contain %q", res.Message, c.msg)
	}
	if c.outcome == Loaded && res.Message != "" {
		t.Errorf("loaded with message %q", res.Message)
	}
	got := cellErrors(t, db)
	if len(got) != len(c.errs) {
		t.Errorf("raw.cell_errors:\n%s\nwant %d entries: %v", fmtErrs(got), len(c.errs), c.errs)
		return
	}
	for i, want := range c.errs {
		if g := got[i]; g.row != want.row || g.col != want.col || !strings.Contains(g.reason, want.reason) {
			t.Errorf("cell error %d = row %d %s %q, want row %d %s with %q", i, g.row, g.col, g.reason, want.row, want.col, want.reason)
		}
	}
}

// assertConsistent checks what holds for every result: raw.load_log agrees
// with it; a rejected file leaves no row anywhere; a loaded file's rows are
// all in its raw table, the quarantined ones (and only they) marked not ok
// and listed in raw.cell_errors.
func assertConsistent(t *testing.T, db *sql.DB, res Result) {
	t.Helper()
	var outcome, msg string
	var rows, quar, skipped int64
	err := db.QueryRow(`SELECT outcome, coalesce(message, ''), rows_total, rows_quarantined, rows_skipped FROM raw.load_log WHERE load_id = ?`,
		res.LoadID).Scan(&outcome, &msg, &rows, &quar, &skipped)
	if err != nil {
		t.Fatalf("load_log: %v", err)
	}
	if Outcome(outcome) != res.Outcome || msg != res.Message || rows != res.Rows || quar != res.Quarantined || skipped != res.Skipped {
		t.Errorf("load_log %s %d %d %d %q disagrees with the result", outcome, rows, quar, skipped, msg)
	}
	switch res.Outcome {
	case Rejected:
		if res.Message == "" {
			t.Error("rejected without a message")
		}
		if n := rawRows(t, db); n != 0 {
			t.Errorf("a rejected file left %d raw rows", n)
		}
		if n := count(t, db, "SELECT count(*) FROM raw.cell_errors"); n != 0 {
			t.Errorf("a rejected file left %d cell errors", n)
		}
	case Loaded:
		if n := count(t, db, "SELECT count(*) FROM raw."+res.Kind); int64(n) != res.Rows-res.Skipped {
			t.Errorf("raw.%s holds %d rows, result says %d read, %d skipped", res.Kind, n, res.Rows, res.Skipped)
		}
		bad := queryStrings(t, db, "SELECT string_agg(_row::VARCHAR, ',' ORDER BY _row) FROM raw."+res.Kind+" WHERE NOT _ok")
		listed := queryStrings(t, db, "SELECT string_agg(DISTINCT row_number::VARCHAR, ',') FROM raw.cell_errors")
		if bad[0] != sortedCSV(listed[0]) || int64(len(strings.FieldsFunc(bad[0], isComma))) != res.Quarantined {
			t.Errorf("rows not ok %q, rows in cell_errors %q, quarantined %d", bad[0], listed[0], res.Quarantined)
		}
	}
}

func isComma(r rune) bool { return r == ',' }

// sortedCSV sorts a comma-separated list of row numbers numerically.
func sortedCSV(s string) string {
	var n []int
	for _, f := range strings.FieldsFunc(s, isComma) {
		var v int
		fmt.Sscan(f, &v)
		n = append(n, v)
	}
	slices.Sort(n)
	out := make([]string, len(n))
	for i, v := range n {
		out[i] = fmt.Sprint(v)
	}
	return strings.Join(out, ",")
}

func rawRows(t *testing.T, db *sql.DB) int {
	t.Helper()
	n := 0
	for _, k := range Kinds {
		n += count(t, db, "SELECT count(*) FROM raw."+k.Name)
	}
	return n
}

// cellErrors lists raw.cell_errors by row, then column.
func cellErrors(t *testing.T, db *sql.DB) []cellErr {
	t.Helper()
	rows, err := db.Query("SELECT row_number, column_name, reason FROM raw.cell_errors")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []cellErr
	for rows.Next() {
		var e cellErr
		if err := rows.Scan(&e.row, &e.col, &e.reason); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b cellErr) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return strings.Compare(a.col, b.col)
	})
	return out
}

func fmtErrs(errs []cellErr) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\trow %d %s: %s\n", e.row, e.col, e.reason)
	}
	return b.String()
}

// queryStrings returns the first column of a query's rows as text (NULL
// as "").
func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type checkFunc = func(t *testing.T, db *sql.DB, res Result)

// values checks the rows a query returns.
func values(q string, want ...string) checkFunc {
	return func(t *testing.T, db *sql.DB, _ Result) {
		t.Helper()
		if got := queryStrings(t, db, q); !slices.Equal(got, want) {
			t.Errorf("%s\n got %q\nwant %q", q, got, want)
		}
	}
}

// names checks the 姓名 of the roster rows in file order.
func names(want ...string) checkFunc {
	return values("SELECT name FROM raw.roster ORDER BY _row", want...)
}

// sheet checks the sheet the rows were read from.
func sheet(want string) checkFunc {
	return values("SELECT DISTINCT sheet FROM raw.load_log", want)
}

func all(checks ...checkFunc) checkFunc {
	return func(t *testing.T, db *sql.DB, res Result) {
		t.Helper()
		for _, c := range checks {
			c(t, db, res)
		}
	}
}

// The file is ASCII for 70 KiB, then GBK: the decoder, having chosen UTF-8
// from the first 64 KiB, must stop at the first GBK byte and name its
// offset, and nothing of the file may load.
func checkLateGBK(t *testing.T, db *sql.DB, res Result) {
	body, err := os.ReadFile(filepath.Join(corpusDir, "gbk_after_70k_ascii.csv"))
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.IndexFunc(body, func(r rune) bool { return r >= 0x80 })
	if at < 64<<10 {
		t.Fatalf("corpus file: first non-ASCII byte at %d, want after 64 KiB", at)
	}
	if want := fmt.Sprintf("文件在第%d字节附近出现不是UTF-8编码的内容", at); !strings.Contains(res.Message, want) {
		t.Errorf("message %q, want it to contain %q", res.Message, want)
	}
}

// Excel's "文本文件(制表符分隔)" is GBK and tab-separated. The loader takes
// .txt as CSV, so it must read the tabs, or reject the file saying that it
// is tab-separated; "找不到可识别的表头" misleads, the header is all there.
func checkTabText(t *testing.T, db *sql.DB, res Result) {
	switch {
	case res.Outcome == Loaded && res.Kind == "roster" && res.Rows == 2 && res.Quarantined == 0:
		names("赵子涵", "钱欣怡")(t, db, res)
	case res.Outcome == Rejected && strings.Contains(res.Message, "制表符"):
	default:
		t.Errorf("got %s %q rows %d quarantined %d: %s\nwant loaded as a roster of 2 rows, or rejected saying the file is tab-separated (制表符)",
			res.Outcome, res.Kind, res.Rows, res.Quarantined, res.Message)
	}
}

// Two 备注 columns: the contract keeps extra columns, and docs/inputs.md
// rejects a file with the same column twice. Either is right; losing one
// of the two values silently is not.
func checkDuplicateExtra(t *testing.T, db *sql.DB, res Result) {
	switch res.Outcome {
	case Rejected:
		if !strings.Contains(res.Message, "备注") || !strings.Contains(res.Message, "两次") {
			t.Errorf("rejected with %q, want the message to name 备注 twice", res.Message)
		}
	case Loaded:
		extra := queryStrings(t, db, "SELECT coalesce(_extra, '') FROM raw.roster")
		if res.Rows != 1 || res.Quarantined != 0 || len(extra) != 1 ||
			!strings.Contains(extra[0], "转入") || !strings.Contains(extra[0], "插班生") {
			t.Errorf("loaded %d rows, %d quarantined, _extra %q: want both 备注 values (转入, 插班生) kept", res.Rows, res.Quarantined, extra)
		}
	default:
		t.Errorf("outcome %s", res.Outcome)
	}
}

// A 姓名 opening a quote that never closes: encoding/csv with LazyQuotes
// reads the rest of the file into that cell. Rows must not vanish into
// it: reject naming the quote (or the line), or read all four rows.
func checkUnclosedQuote(t *testing.T, db *sql.DB, res Result) {
	switch {
	case res.Outcome == Rejected && (strings.Contains(res.Message, "引号") || strings.Contains(res.Message, "第3行")):
	case res.Outcome == Loaded && res.Rows == 4:
	default:
		t.Errorf("got %s, %d rows read, %d quarantined (%s); cell errors:\n%s"+
			"want rejected naming the unclosed quote of line 3, or all 4 rows read",
			res.Outcome, res.Rows, res.Quarantined, res.Message, fmtErrs(cellErrors(t, db)))
	}
}

// Row 3 has one cell more than the header (an unquoted comma in 监护人姓名),
// row 4 two fewer. Row 4 is quarantined for its empty 年级 and 班级. The
// extra cell of row 3 must not be dropped silently: keep it in _extra (as
// 第11列) or quarantine the row.
func checkRagged(t *testing.T, db *sql.DB, res Result) {
	if res.Outcome != Loaded || res.Kind != "roster" || res.Rows != 3 {
		t.Fatalf("got %s %q rows %d (%s), want a loaded roster of 3 rows", res.Outcome, res.Kind, res.Rows, res.Message)
	}
	errs := cellErrors(t, db)
	var row3 bool
	var row4 []string
	for _, e := range errs {
		switch e.row {
		case 3:
			row3 = true
		case 4:
			if strings.Contains(e.reason, "必填项") {
				row4 = append(row4, e.col)
			}
		default:
			t.Errorf("unexpected cell error at row %d %s: %s", e.row, e.col, e.reason)
		}
	}
	if !slices.Equal(row4, []string{"年级", "班级"}) {
		t.Errorf("row 4 errors on %v, want 年级 and 班级 empty", row4)
	}
	extra := queryStrings(t, db, "SELECT coalesce(_extra, '') FROM raw.roster WHERE _row = 3")
	if !row3 && !strings.Contains(extra[0], "李梅") {
		t.Errorf("row 3 has a cell beyond the header (李梅): neither quarantined nor kept (_extra %q); it was dropped", extra[0])
	}
	if got := queryStrings(t, db, "SELECT guardian FROM raw.roster WHERE _row = 2"); got[0] != "赵建国" {
		t.Errorf("row 2 guardian %q", got[0])
	}
}

// Identity numbers spelt with an apostrophe, an ="…" wrapper, full-width
// digits, spaces and a lower-case x all load in canonical form.
func checkIDSpellings(t *testing.T, db *sql.DB, res Result) {
	got := queryStrings(t, db, "SELECT id_number FROM raw.roster ORDER BY _row")
	want := []string{idZhao, idQian, idSun, idLi}
	if len(got) != 5 || !slices.Equal(got[:4], want) {
		t.Fatalf("id numbers %q, want %q then an X number", got, want)
	}
	if x := got[4]; len(x) != 18 || x[17] != 'X' || withCheck(x[:17]) != x {
		t.Errorf("lower-case x number read as %q, want it upper-cased and valid", x)
	}
}

// The same child twice in one roster snapshot: the loader keeps both rows
// (neither is quarantined); the build keeps the later one and lists the
// earlier in audit.duplicates.
func checkDuplicateChild(t *testing.T, db *sql.DB, res Result) {
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ld := &Loader{Conn: conn, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RunID: "t",
		Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }}
	for name, body := range map[string]string{
		"村居名录.csv": "村代码,村名称\n430521100201,城关村\n",
		"学校名录.csv": "学校标识码,学校名称,学段,所在村代码\n2143052103,城关小学,小学,430521100201\n",
	} {
		if r, err := ld.LoadFile(context.Background(), write(t, name, []byte(body))); err != nil || r.Outcome != Loaded {
			t.Fatalf("directory %s: %+v %v", name, r, err)
		}
	}
	if _, err := conn.ExecContext(context.Background(), "CREATE SCHEMA IF NOT EXISTS staging; CREATE SCHEMA IF NOT EXISTS audit"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"staging/village.sql", "staging/school.sql", "staging/roster_sources.sql", "staging/roster_ranked.sql", "audit/duplicates.sql"} {
		q, err := fs.ReadFile(dropwatch.SQL(), m)
		if err == nil {
			_, err = conn.ExecContext(context.Background(), string(q))
		}
		if err != nil {
			t.Fatalf("sql/%s: %v", m, err)
		}
	}
	got := queryStrings(t, db, "SELECT concat_ws(' ', kind, row_number, kept_row, child_key) FROM audit.duplicates")
	if want := []string{"roster 2 4 " + idZhao}; !slices.Equal(got, want) {
		t.Errorf("audit.duplicates %q, want %q", got, want)
	}
}

// A 100,000-row roster with one bad row near the end: exactly that row is
// quarantined, at its spreadsheet row number, and every other row loads.
func TestCorpusBigRoster(t *testing.T) {
	const n, badAt = 100_000, 99_995 // badAt: spreadsheet row (header = 1)
	var b strings.Builder
	b.Grow(n * 80)
	b.WriteString("学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\r\n")
	base := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		birth := base.AddDate(0, 0, i/1000)
		id := withCheck("430521" + birth.Format("20060102") + fmt.Sprintf("%03d", i%1000))
		if i+2 == badAt {
			id = id[:17] + map[bool]string{true: "1", false: "2"}[id[17] != '1'] // wrong check character
		}
		fmt.Fprintf(&b, "2025,1,2143052103,学生%d,%d,%s,%s,%d,%d\r\n", i, 2-i%2, birth.Format(time.DateOnly), id, i%6+1, i%4+1)
	}
	ld, db := newLoader(t)
	start := time.Now()
	res, err := ld.LoadFile(context.Background(), write(t, "全镇学籍名册.csv", []byte(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows in %v", res.Rows, time.Since(start))
	if res.Outcome != Loaded || res.Rows != n || res.Quarantined != 1 {
		t.Fatalf("got %s rows %d quarantined %d (%s), want loaded %d rows, 1 quarantined", res.Outcome, res.Rows, res.Quarantined, res.Message, n)
	}
	errs := cellErrors(t, db)
	if len(errs) != 1 || errs[0].row != badAt || errs[0].col != "身份证件号" || !strings.Contains(errs[0].reason, "校验位错误") {
		t.Errorf("cell errors %v, want one at row %d 身份证件号 校验位错误", errs, badAt)
	}
	if got := queryStrings(t, db, "SELECT concat_ws(' ', count(*), count(*) FILTER (WHERE _ok), min(_row), max(_row), string_agg(_row::VARCHAR, ',') FILTER (WHERE NOT _ok)) FROM raw.roster"); got[0] != fmt.Sprintf("%d %d 2 %d %d", n, n-1, n+1, badAt) {
		t.Errorf("raw.roster rows, ok rows, first, last, bad = %s", got[0])
	}
}

// Every corpus file has a case and a line in the README, and every case a
// file.
func TestCorpusIsComplete(t *testing.T) {
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bool{}
	for _, c := range corpusCases {
		if cases[c.file] {
			t.Errorf("%s: two cases", c.file)
		}
		cases[c.file] = true
	}
	files := 0
	for _, e := range ents {
		name := e.Name()
		if name == "README.md" {
			continue
		}
		files++
		if !cases[name] {
			t.Errorf("%s: no case in corpusCases", name)
		}
		if !bytes.Contains(readme, []byte("| `"+name+"` |")) {
			t.Errorf("%s: no line in README.md", name)
		}
		delete(cases, name)
	}
	for name := range cases {
		t.Errorf("%s: a case without a file", name)
	}
	if files < 30 {
		t.Errorf("%d corpus files, want at least 30", files)
	}
}
