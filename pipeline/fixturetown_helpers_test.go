package pipeline

import (
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The hand-made town of testdata/fixturetown (used by TestFixtureTown).
//
// Villages: 青山村 430521101201 (V1), 白水村 430521101202 (V2), 石桥村
// 430521101203 (V3). Schools: K 2143052101 幼儿园 in V1; P 2143052103 小学
// in V2 (no 学前班); J 2143052106 初中 in V1; N 2143052107 九年一贯制 in V3
// with 附设学前班 = 是. V2 has neither a kindergarten nor a preschool class.
//
// Rosters: every school for (2024,1) (2024,2) (2025,1) (2025,2), except J,
// which never sent (2025,2). P sent (2025,2) twice; _v2 (loaded later)
// replaces _v1, which still listed 卫嘉怡 and 沈一帆.
//
// The household extracts hold every child below with a resident identity
// number except 何俊熙 (DI2); 安娜 (PASS) has a passport and 黎明 (OD) a
// Hong Kong document. 朱晨阳 (DEATH) is
// 正常 in 2024 and 死亡 in 2025. Ages are age(Y), completed years on 31
// August of Y.
//
//	code    name    born        village  2024 age  2025 age
//	B1      赵子涵  2019-08-31  V1        5         6   K 中班 → K 大班 (still in kindergarten at 6)
//	B2      钱欣怡  2019-09-01  V1        4         5   K 中班 → K 大班
//	G1      孙浩然  2018-10-15  V1        5         6   K 大班 → P grade 1
//	G2      李雨桐  2019-01-20  V2        5         6   nowhere → P grade 1 (new first-grader)
//	KN      周一诺  2020-05-05  V3        4         5   nowhere → N 学前班
//	NK      吴俊杰  2021-06-06  V2        3         4   never enrolled (preschool age)
//	NE      郑梓萱  2019-03-03  V2        5         6   never enrolled; D 智力残疾 未入学
//	RD      王小虎  2015-04-04  V2        9        10   P g4; gone in (2024,2); register 已返校; back (2025,1)
//	DUP     冯立轩  2016-05-05  V3        8         9   P g2; (2025,1) 在读 at P and N (重复学籍)
//	D1      陈思彤  2014-06-06  V2       10        11   P; (2025,2) roster 辍学 + register 无法劝返
//	D2      褚明远  2013-10-10  V3       10        11   N; gone in (2025,2), register 劝返中
//	D3      卫嘉怡  2016-02-02  V1        8         9   P; gone in (2025,2), nobody registered
//	PDE     蒋文博  2015-07-07  V3        9        10   N; (2025,2) row quarantined (check digit)
//	PASS    安娜    2017-11-11  —         —         —   N g2 (2025,1) with a 护照; gone in (2025,2)
//	M1      沈一帆  2014-09-09  V1        9        10   P; gone in (2025,2), 随迁外出 with proof (小学)
//	M2      韩雪    2015-12-12  V2        8         9   never enrolled; 2025 随迁外出 without proof
//	TO      杨子轩  2016-08-08  V2        8         9   P; (2025,2) 转出, no proof
//	DEATH   朱晨阳  2014-01-15  V1       10        11   P; gone in (2025,2), household 2025 死亡
//	XIU     秦雨萱  2012-03-03  V3       12        13   N g7; 休学 (2024,2) and (2025,1); 在读 (2025,2)
//	DV      尤思远  2017-04-04  V1        7         8   P; D 视力残疾 随班就读; (2025,1) roster 单亲留守 (1),
//	                                                     2025 migration census 留守
//	DH      许梦瑶  2015-05-15  V3        9        10   no roster; D 听力残疾 送教上门
//	DI2     何俊熙  2014-11-11  —         9        10   not in H; D 智力残疾 特殊教育学校
//	DX      吕佳琪  2017-06-16  V2        7         8   no roster; D 肢体残疾 缓学
//	RDEATH  施浩宇  2012-12-12  V3       11        12   N g7/g8; (2025,2) roster 死亡, household 正常
//	Q2      张若曦  2011-10-20  V1       12        13   N g7; (2025,1) row quarantined (年级 十年级); back (2025,2)
//	X       孔德明  2011-05-05  V2       13        14   N g8; (2024,2) roster 辍学; back (2025,1)
//	S1      曹子墨  2013-02-02  V2       11        12   P g6 在读 (2024,2) → J g7 (2025,1)
//	S2      严欣然  2012-08-20  V1       12        13   P g6 毕业 (2024,2) → J g7 (2025,1)
//	S3      华宇航  2013-04-04  V3       11        12   N g6 在读 (2024,2) → N g7 (2025,1)
//	S4      金诗琪  2013-06-30  V3       11        12   N g6 毕业 (2024,2) → nowhere
//	J1      魏泽楷  2010-02-02  V1       14        15   J g9 (2024,1); gone in (2024,2); graduate 普通高中
//	J2      陶雨涵  2010-07-07  V2       14        15   J g9; 毕业 (2024,2); graduate 中等职业学校
//	N1      姜博文  2009-12-25  V3       14        15   N g9; 毕业 (2024,2); graduate 未升学
//	OD      黎明    2014-03-03  —         —         —   P g6 (2025,1) and (2025,2) 在读 with a 香港特区护照/身份证明
//	                                                     H80465540 (type 6): not in H, matches no other kind
var child = map[string]string{
	"B1":     "430521201908310114",
	"B2":     "430521201909010228",
	"G1":     "430521201810150319",
	"G2":     "430521201901200422",
	"KN":     "430521202005050520",
	"NK":     "430521202106060613",
	"NE":     "43052120190303072X",
	"RD":     "430521201504040816",
	"DUP":    "430521201605050917",
	"D1":     "430521201406061023",
	"D2":     "430521201310101115",
	"D3":     "430521201602021221",
	"PDE":    "430521201507071319",
	"PASS":   "E12345678",
	"M1":     "430521201409091412",
	"M2":     "430521201512121528",
	"TO":     "430521201608081612",
	"DEATH":  "430521201401151716",
	"XIU":    "430521201203031828",
	"DV":     "43052120170404191X",
	"DH":     "430521201505152027",
	"DI2":    "430521201411112112",
	"DX":     "430521201706162221",
	"RDEATH": "430521201212122318",
	"Q2":     "430521201110202421",
	"X":      "430521201105052510",
	"S1":     "43052120130202261X",
	"S2":     "430521201208202729",
	"S3":     "430521201304042817",
	"S4":     "430521201306302926",
	"J1":     "430521201002023012",
	"J2":     "430521201007073123",
	"N1":     "430521200912253218",
	"OD":     "H80465540",
}

// Codes of the fixture town.
const (
	fxTown = "430521101" // Defaults().Town.Code
	fxV1   = "430521101201"
	fxV2   = "430521101202"
	fxV3   = "430521101203"
	fxK    = "2143052101"
	fxP    = "2143052103"
	fxJ    = "2143052106"
	fxN    = "2143052107"
)

// copyFixtureTown copies testdata/fixturetown into dir.
func copyFixtureTown(t *testing.T, dir string) {
	t.Helper()
	src := filepath.Join("testdata", "fixturetown")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// queryStrings runs a query whose single column is a VARCHAR and returns
// the values sorted.
func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// sameSet reports the rows only in got and only in want, one per line, so
// that a failure names exactly the children or figures that differ.
func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	in := func(xs []string) map[string]int {
		m := map[string]int{}
		for _, x := range xs {
			m[x]++
		}
		return m
	}
	g, w := in(got), in(want)
	var extra, missing []string
	for x, n := range g {
		for ; n > w[x]; n-- {
			extra = append(extra, x)
		}
	}
	for x, n := range w {
		for ; n > g[x]; n-- {
			missing = append(missing, x)
		}
	}
	if len(extra)+len(missing) > 0 {
		t.Errorf("%s differ:\n  got but not wanted:%s\n  wanted but not got:%s",
			what, lines(extra), lines(missing))
	}
}

// lines renders rows one per indented line, or " (none)".
func lines(rows []string) string {
	if len(rows) == 0 {
		return " (none)"
	}
	sort.Strings(rows)
	return "\n    " + strings.Join(rows, "\n    ")
}

// nul renders an expected NULL the way the queries below render one.
const nul = "∅"
