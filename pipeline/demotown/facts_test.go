package demotown

import (
	"strings"
	"testing"
)

func TestDefaultSize(t *testing.T) {
	_, man := generateDefault(t, 1)
	f := man.Facts
	ranges := []struct {
		key    string
		lo, hi int
	}{
		{"villages", 18, 22}, {"schools", 6, 8}, {"years", 3, 3},
		{"household_rows_2023", 2500, 3500}, {"household_rows_2024", 2500, 3500},
		{"household_rows_2025", 2500, 3500}, {"schools_kindergarten", 1, 4}, {"schools_nine_year", 1, 1},
	}
	for _, r := range ranges {
		if got := f[r.key]; got < r.lo || got > r.hi {
			t.Errorf("%s = %d, want %d..%d", r.key, got, r.lo, r.hi)
		}
	}
	if f["villages_with_preschool"] >= f["villages"] {
		t.Error("every village has a kindergarten; some should have none")
	}
	perKind := map[string]int{}
	rows := map[string]int{}
	for _, fi := range man.Files {
		perKind[fi.Kind]++
		rows[fi.Kind] += fi.Rows
	}
	want := map[string]int{"village": 1, "school": 1, "roster": 2*3*f["schools"] - f["roster_not_sent"],
		"household": 3, "migration": 3, "disability": 3, "dropout": 3, "graduate": 4, "handoff": 3, "followup": 2,
		"attendance": 3 * (f["schools"] - f["schools_kindergarten"])}
	for k, n := range want {
		if perKind[k] != n {
			t.Errorf("%d %s files, want %d", perKind[k], k, n)
		}
	}
	for k, fact := range map[string]string{"roster": "roster_rows", "household": "household_rows",
		"dropout": "registered_dropouts", "handoff": "primary_graduates", "attendance": "attendance_rows",
		"followup": "followup_rows"} {
		if rows[k] != f[fact] {
			t.Errorf("%s rows %d, Facts %s %d", k, rows[k], fact, f[fact])
		}
	}
	if n := f["junior_graduates"] + f["graduates_prior_year"]; rows["graduate"] != n {
		t.Errorf("graduate rows %d, Facts junior_graduates + graduates_prior_year %d", rows["graduate"], n)
	}
	if f["roster_not_sent"] != 1 || f["roster_not_sent_children"] == 0 {
		t.Errorf("roster_not_sent %d, roster_not_sent_children %d", f["roster_not_sent"], f["roster_not_sent_children"])
	}
}

func TestEveryEventOccurs(t *testing.T) {
	for _, o := range []Options{{Seed: 1}, {Seed: 42}, {Seed: 3, Children: 1000}} {
		man, err := Generate(t.TempDir(), o)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{
			"registered_dropouts", "registered_persuading", "registered_returned", "registered_unreturnable",
			"unregistered_dropouts", "unregistered_returned", "summer_vanished", "returns", "transfers_out",
			"migrants_with_proof", "migrants_without_proof", "inflow", "other_document_children", "left_behind",
			"disabled_visual", "disabled_hearing", "disabled_intellectual", "disabled_mainstream",
			"disabled_special_school", "disabled_home_teaching", "disabled_deferred", "disabled_exempt",
			"disabled_not_enrolled", "deaths", "deaths_household", "deaths_roster", "hukou_out", "suspensions",
			"never_enrolled", "late_starters", "kindergarten_school_age", "late_at_home", "repeaters",
			"primary_graduates", "junior_graduates", "graduates_academic", "graduates_vocational",
			"graduates_none", "graduates_other", "handoff_dates_on_time", "handoff_dates_late",
			"handoff_dates_blank", "duplicate_rows", "typo_not_dropout", "graduates_prior_year",
			"double_enrolments", "roster_not_sent", "roster_not_sent_children", "age_grade_mismatch",
			"roster_only_dropouts", "register_stale", "xlsx_number_ids", "files_xlsx", "files_csv-gb18030",
		} {
			if man.Facts[k] == 0 {
				t.Errorf("%+v: no %s", o, k)
			}
		}
	}
}

// rosterRow is a roster row reduced to what the typo test needs.
type rosterRow struct{ id, status, file string }

func TestTypoIsNotADropout(t *testing.T) {
	dir, man := generateDefault(t, 1)
	broken := brokenSet(man)
	byTerm := map[string][]rosterRow{} // "2024-第一学期" -> rows
	for _, f := range man.Files {
		if f.Kind != "roster" {
			continue
		}
		key := strings.Join(strings.Split(f.Name, "_")[1:3], "-")
		tb := readTable(t, dir, f.Name, f.Kind)
		for i, row := range tb.rows {
			if !broken[f.Name][i+2] {
				byTerm[key] = append(byTerm[key], rosterRow{strings.ToUpper(tb.cell(row, "身份证件号")), tb.cell(row, "学籍状态"), f.Name})
			}
		}
	}
	typos := 0
	for _, b := range man.Broken {
		if !strings.Contains(b.File, "第二学期") || !strings.Contains(b.Why, "校验码") {
			continue
		}
		typos++
		key := strings.Join(strings.Split(b.File, "_")[1:2], "")
		prefix := strings.ToUpper(b.Value[:17])
		var t1, t2 int
		for _, r := range byTerm[key+"-第一学期"] {
			if strings.HasPrefix(r.id, prefix) && (r.status == "在读" || r.status == "") {
				t1++
			}
		}
		for _, r := range byTerm[key+"-第二学期"] {
			if strings.HasPrefix(r.id, prefix) {
				t2++
			}
		}
		if t1 == 0 || t2 != 0 {
			t.Errorf("%s row %d: term-1 在读 rows %d, valid term-2 rows %d; want >0 and 0", b.File, b.Row, t1, t2)
		}
	}
	if typos == 0 || typos != man.Facts["typo_not_dropout"] {
		t.Errorf("%d term-2 check-digit typos, Facts says %d", typos, man.Facts["typo_not_dropout"])
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, o := range []Options{{Children: -1}, {Years: 11}, {CountyCode: "99"}, {CountyCode: "990521"},
		{TownCode: "430522101"}, {FirstYear: 1990}} {
		if _, err := Generate(t.TempDir(), o); err == nil {
			t.Errorf("Generate(%+v) succeeded", o)
		}
	}
}

func TestLargeTownWritesTownWideRosters(t *testing.T) {
	if testing.Short() {
		t.Skip("large town")
	}
	dir := t.TempDir()
	man, err := Generate(dir, Options{Seed: 5, Children: 60000, Years: 1})
	if err != nil {
		t.Fatal(err)
	}
	rosters := 0
	for _, f := range man.Files {
		if f.Kind == "roster" {
			rosters++
			if !strings.HasSuffix(f.Name, "全镇.csv") {
				t.Errorf("roster file %s is not town-wide", f.Name)
			}
		}
	}
	if rosters != 2 || man.Facts["villages"] != 400 || man.Facts["schools"] < 100 {
		t.Errorf("%d roster files, %d villages, %d schools", rosters, man.Facts["villages"], man.Facts["schools"])
	}
}

func TestCodesAndNamesUnique(t *testing.T) {
	for _, n := range []int{3000, 50000, 5_000_000} {
		opt, err := Options{Children: n}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		g, err := newGen(opt)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, v := range g.villages {
			if seen[v.code] || seen[v.name] || len(v.code) != 12 {
				t.Errorf("%d children: village %s %s repeated or malformed", n, v.code, v.name)
			}
			seen[v.code], seen[v.name] = true, true
		}
		for _, s := range g.schools {
			if seen[s.code] || seen[s.name] || len(s.code) != 10 {
				t.Errorf("%d children: school %s %s repeated or malformed", n, s.code, s.name)
			}
			seen[s.code], seen[s.name] = true, true
		}
		if seen[g.bogusSchool] || len(g.bogusSchool) != 10 {
			t.Errorf("%d children: unknown-school code %s is in the directory", n, g.bogusSchool)
		}
	}
}

func TestOddSizes(t *testing.T) {
	for _, o := range []Options{{Children: 1}, {Children: 7, Years: 1}, {Children: 100, Years: 10},
		{Children: 400, FirstYear: 2000}, {Children: 400, FirstYear: 2090, Years: 10}} {
		man, err := Generate(t.TempDir(), o)
		if err != nil {
			t.Errorf("%+v: %v", o, err)
			continue
		}
		// per year: two rosters a school, an attendance file a school with pupils, six others;
		// and a returned 核查表 for every year but the last
		perYear := 2*man.Facts["schools"] + man.Facts["schools"] - man.Facts["schools_kindergarten"] + 6
		if len(man.Files) != 3+man.Facts["years"]*perYear-man.Facts["roster_not_sent"]+man.Facts["followup_files"] {
			t.Errorf("%+v: %d files", o, len(man.Files))
		}
	}
}
