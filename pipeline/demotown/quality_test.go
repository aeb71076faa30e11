package demotown

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// rosterRec is a valid roster row reduced to what the quality tests need.
type rosterRec struct {
	year, term    int
	school, id    string
	status, grade string
	birth         string
}

// termOf reads 学年 and 学期 from a roster file name
// (学籍名册_2023-2024_第一学期_...).
func termOf(name string) (year, term int) {
	p := strings.Split(name, "_")
	year, _ = strconv.Atoi(p[1][:4])
	if p[2] == "第二学期" {
		term = 2
	} else {
		term = 1
	}
	return year, term
}

// readRosters reads every valid roster row of a run.
func readRosters(t *testing.T, dir string, man Manifest) []rosterRec {
	t.Helper()
	broken := brokenSet(man)
	var recs []rosterRec
	for _, f := range man.Files {
		if f.Kind != "roster" {
			continue
		}
		y, term := termOf(f.Name)
		tb := readTable(t, dir, f.Name, f.Kind)
		for i, row := range tb.rows {
			if broken[f.Name][i+2] {
				continue
			}
			st := tb.cell(row, "学籍状态")
			if st == "" {
				st = "在读"
			}
			recs = append(recs, rosterRec{y, term, tb.cell(row, "学校标识码"), strings.ToUpper(tb.cell(row, "身份证件号")),
				st, tb.cell(row, "年级"), tb.cell(row, "出生日期")})
		}
	}
	return recs
}

// gradeNumber reads a school grade (1-9), 0 for kindergarten.
func gradeNumber(s string) int {
	for i, names := range [][]string{{"一年级"}, {"二年级"}, {"三年级"}, {"四年级"}, {"五年级"}, {"六年级"},
		{"七年级", "初一"}, {"八年级", "初二"}, {"九年级", "初三"}} {
		for _, n := range append(names, strconv.Itoa(i+1)) {
			if s == n {
				return i + 1
			}
		}
	}
	return 0
}

// ageIn is age(Y): completed years on 31 August of Y.
func ageIn(birth time.Time, y int) int {
	end := time.Date(y, 8, 31, 0, 0, 0, 0, time.UTC)
	a := y - birth.Year()
	if birth.AddDate(a, 0, 0).After(end) {
		a--
	}
	return a
}

func TestDataQualityCases(t *testing.T) {
	dir, man := generateDefault(t, 1)
	for _, k := range []string{"double_enrolments", "roster_not_sent", "roster_not_sent_children",
		"age_grade_mismatch", "roster_only_dropouts", "register_stale"} {
		if man.Facts[k] == 0 {
			t.Errorf("no %s", k)
		}
	}
	recs := readRosters(t, dir, man)
	if n := countDoubleEnrolled(recs); n != man.Facts["double_enrolments"] {
		t.Errorf("%d pupils 在读 in two schools, Facts %d", n, man.Facts["double_enrolments"])
	}
	if n := countAgeGrade(recs); n != man.Facts["age_grade_mismatch"] {
		t.Errorf("%d rows with an implausible age for the grade, Facts %d", n, man.Facts["age_grade_mismatch"])
	}
	onlyRoster, stale := registerMismatches(t, dir, man, recs)
	if onlyRoster != man.Facts["roster_only_dropouts"] || stale != man.Facts["register_stale"] {
		t.Errorf("roster-only dropouts %d, stale register rows %d; Facts %d, %d",
			onlyRoster, stale, man.Facts["roster_only_dropouts"], man.Facts["register_stale"])
	}
	schools := map[[2]int]map[string]bool{}
	for _, r := range recs {
		k := [2]int{r.year, r.term}
		if schools[k] == nil {
			schools[k] = map[string]bool{}
		}
		schools[k][r.school] = true
	}
	if a, b := len(schools[[2]int{2023, 2}]), len(schools[[2]int{2024, 1}]); b != a-1 {
		t.Errorf("schools with rosters: %d in 2023 term 2, %d in 2024 term 1; want one missing", a, b)
	}
}

// countDoubleEnrolled counts pupils 在读 in two schools in one term.
func countDoubleEnrolled(recs []rosterRec) int {
	seen := map[string]string{}
	n := 0
	for _, r := range recs {
		if r.status != "在读" {
			continue
		}
		k := strconv.Itoa(r.year*10+r.term) + r.id
		if s, ok := seen[k]; ok && s != r.school {
			n++
		}
		seen[k] = r.school
	}
	return n
}

// countAgeGrade counts 在读 rows whose age(Y) minus grade is outside 4..9.
func countAgeGrade(recs []rosterRec) int {
	n := 0
	for _, r := range recs {
		g := gradeNumber(r.grade)
		b, ok := parseTestDate(r.birth)
		if d := ageIn(b, r.year) - g; r.status == "在读" && g > 0 && ok && (d < 4 || d > 9) {
			n++
		}
	}
	return n
}

// registerMismatches counts children the roster says 辍学 without a
// dropout-register row, and register rows at 劝返中 (or blank) for a child
// 在读 in a roster of a later year.
func registerMismatches(t *testing.T, dir string, man Manifest, recs []rosterRec) (onlyRoster, stale int) {
	t.Helper()
	registered, persuading := map[string]bool{}, map[string]int{}
	for _, f := range man.Files {
		if f.Kind != "dropout" {
			continue
		}
		tb := readTable(t, dir, f.Name, f.Kind)
		for _, row := range tb.rows {
			id := strings.ToUpper(tb.cell(row, "身份证件号"))
			registered[id] = true
			if st := tb.cell(row, "劝返状态"); st == "" || st == "劝返中" {
				d, _ := parseTestDate(tb.cell(row, "辍学日期"))
				persuading[id] = d.AddDate(0, -8, 0).Year() // the school year of the date
			}
		}
	}
	counted := map[string]bool{}
	for _, r := range recs {
		switch y, ok := persuading[r.id]; {
		case r.status == "辍学" && !registered[r.id]:
			onlyRoster++
		case ok && r.status == "在读" && r.year > y && !counted[r.id]:
			counted[r.id] = true
			stale++
		}
	}
	return onlyRoster, stale
}

func TestPriorYearGraduates(t *testing.T) {
	dir, man := generateDefault(t, 1)
	accounted := map[string]bool{}
	var house table
	for _, f := range man.Files {
		tb := readTable(t, dir, f.Name, f.Kind)
		prior := f.Kind == "graduate" && strings.Contains(f.Name, "2022-2023")
		for _, row := range tb.rows {
			id := strings.ToUpper(tb.cell(row, idColumn[f.Kind]))
			switch {
			case prior && !strings.HasPrefix(tb.cell(row, "毕业学年"), "2022"):
				t.Errorf("%s: 毕业学年 %q", f.Name, tb.cell(row, "毕业学年"))
			case f.Kind == "roster" && strings.Contains(f.Name, "2023-2024"),
				f.Kind == "graduate", f.Kind == "migration" && strings.HasPrefix(tb.cell(row, "学年"), "2023"),
				f.Kind == "disability" && strings.HasPrefix(tb.cell(row, "学年"), "2023"):
				accounted[id] = true
			}
		}
		if f.Kind == "household" && strings.Contains(f.Name, "2023-2024") {
			house = tb
		}
	}
	fifteen, missing := 0, 0
	for _, row := range house.rows {
		id := strings.ToUpper(house.cell(row, "公民身份号码"))
		if len(id) != 18 {
			continue
		}
		if b, err := time.Parse("20060102", id[6:14]); err != nil || ageIn(b, 2023) != 15 {
			continue
		}
		fifteen++
		if !accounted[id] {
			missing++
		}
	}
	t.Logf("%d graduates of 2022, %d fifteen-year-olds in 2023, %d unaccounted", man.Facts["graduates_prior_year"], fifteen, missing)
	if man.Facts["graduates_prior_year"] < 100 || fifteen < 100 || missing > 3 {
		t.Errorf("%d graduates of 2022, %d fifteen-year-olds in 2023, %d of them in no roster, graduate, migration or disability row",
			man.Facts["graduates_prior_year"], fifteen, missing)
	}
}
