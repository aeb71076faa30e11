package demotown

import "strconv"

// Facts keys. Child-level keys count children whose event shows inside
// the window; *_rows keys count written data rows.
//
//	villages, schools, schools_kindergarten, schools_primary, schools_junior,
//	schools_nine_year, villages_with_preschool, years, files,
//	children_option, children_generated, household_rows_<Y>
//	roster_rows, household_rows, migration_rows, disability_rows, dropout_rows
//	registered_dropouts, registered_persuading, registered_returned,
//	registered_unreturnable, unregistered_dropouts, unregistered_returned,
//	summer_vanished, returns, transfers_out, migrants_with_proof,
//	migrants_without_proof, inflow, other_document_children, left_behind,
//	disabled, disabled_visual, disabled_hearing, disabled_intellectual,
//	disabled_physical, disabled_mental, disabled_multiple,
//	disabled_mainstream, disabled_special_school, disabled_home_teaching,
//	disabled_deferred, disabled_exempt, disabled_not_enrolled,
//	deaths, deaths_household, deaths_roster, hukou_out, suspensions,
//	never_enrolled, late_starters, kindergarten_school_age, late_at_home,
//	repeaters, primary_graduates, junior_graduates, graduates_academic,
//	graduates_vocational, graduates_none, graduates_other,
//	handoff_dates_on_time, handoff_dates_late, handoff_dates_blank,
//	duplicate_rows, typo_not_dropout, broken_cells, broken_<type>
//
// History before the window and the data-quality cases:
//
//	graduates_prior_year      graduate rows of FirstYear-1 (not in junior_graduates)
//	double_enrolments         pupils 在读 in two schools in one term (重复学籍)
//	roster_not_sent           rosters not sent (名册未报送): 1 when Years >= 2, else 0;
//	                          the smallest kindergarten's term-1 roster of FirstYear+1
//	roster_not_sent_children  children of that school and term, absent from every file
//	age_grade_mismatch        roster rows saying 二年级 for a 13-year-old at 初二
//	roster_only_dropouts      roster 辍学 with no dropout-register row
//	register_stale            register rows left at 劝返中 for a child 在读 the next year
//
// The returned 核查表 (followup.go):
//
//	followup_files            returned 核查表 files (one per school year but the last)
//	followup_rows             rows of the returned 核查表 files, visited or not
//	followup_unvisited        rows left blank (not visited yet)
//	followup_never_enrolled   never-enrolled children with rows
//	followup_vanished         vanished pupils with rows (half not visited)
//	followup_found_elsewhere  children found at school elsewhere, with proof
//
// Attendance (月考勤, emit_attendance.go):
//
//	attendance_rows                 monthly rows written
//	attendance_dropouts_signalled   dropouts whose absence rises before they leave
//	attendance_dropouts_silent      dropouts who show nothing beforehand
//
// Formats: files_<format> counts files per FileInfo.Format (files_csv-utf8,
// files_csv-utf8-bom, files_csv-gb18030, files_xlsx); xlsx_number_ids counts
// broken identity numbers written as number cells.
var (
	persuasionFacts = []string{"registered_persuading", "registered_returned", "registered_unreturnable"}
	categoryFacts   = []string{"disabled_visual", "disabled_hearing", "disabled_intellectual",
		"disabled_physical", "disabled_mental", "disabled_multiple"}
	placementFacts = []string{"disabled_mainstream", "disabled_special_school", "disabled_home_teaching",
		"disabled_deferred", "disabled_exempt", "disabled_not_enrolled"}
	simpleFacts = [evCount]string{evTransfer: "transfers_out", evInflow: "inflow",
		evOtherDoc: "other_document_children", evHukouOut: "hukou_out", evSuspend: "suspensions",
		evNever: "never_enrolled"}
)

// countChild adds the child's events to the facts.
func (g *gen) countChild(c *child) {
	f, e := g.facts, &c.ev
	f["children_generated"]++
	if k := simpleFacts[e.kind]; k != "" {
		f[k]++
	}
	switch e.kind {
	case evDropReg:
		g.countRegistered(e)
	case evDropUnreg:
		g.countUnregistered(e.v1)
	case evMigrate:
		if e.v1 == 1 {
			f["migrants_with_proof"]++
		} else {
			f["migrants_without_proof"]++
		}
	case evDeath:
		f["deaths"]++
		if e.v1 != deathRoster {
			f["deaths_household"]++
		}
		if e.v1 != deathHousehold {
			f["deaths_roster"]++
		}
	case evDisabled:
		f["disabled"]++
		f[categoryFacts[e.v1]]++
		f[placementFacts[e.v2]]++
	}
	g.countBaseline(c)
}

// countRegistered counts a registered dropout by variant; a roster-only
// dropout has no register row and is not a registered one.
func (g *gen) countRegistered(e *event) {
	f := g.facts
	if e.v2 == rosterOnly {
		f["roster_only_dropouts"]++
		return
	}
	f["registered_dropouts"]++
	f[persuasionFacts[e.v1]]++
	if e.v2 == staleRegister {
		f["register_stale"]++
	}
	if e.v1 == returned || e.v2 == staleRegister {
		f["returns"]++
	}
}

// countUnregistered counts an unregistered dropout by variant.
func (g *gen) countUnregistered(v int) {
	switch v {
	case vanishTerm2:
		g.facts["unregistered_dropouts"]++
	case vanishReturn:
		g.facts["unregistered_dropouts"]++
		g.facts["unregistered_returned"]++
		g.facts["returns"]++
	default:
		g.facts["summer_vanished"]++
	}
}

// countBaseline counts left-behind children, late starters and repeaters.
func (g *gen) countBaseline(c *child) {
	for yi := 0; yi < g.years; yi++ {
		if c.mig[yi] == migLeftBehind {
			g.facts["left_behind"]++
			break
		}
	}
	if g.lateInWindow(c) {
		g.facts["late_starters"]++
		g.facts[[]string{"", "kindergarten_school_age", "late_at_home"}[c.late]]++
	}
	if g.repeatInWindow(c) {
		g.facts["repeaters"]++
	}
}

// staticFacts records the size of the town.
func (g *gen) staticFacts(files []FileInfo) {
	f := g.facts
	f["villages"], f["schools"], f["years"] = len(g.villages), len(g.schools), g.years
	f["files"], f["children_option"] = len(files), g.opt.Children
	f["roster_not_sent"] = btoi(g.skip.on)
	for _, fi := range files {
		f["files_"+fi.Format]++
	}
	typeKeys := map[string]string{typeKG: "schools_kindergarten", typePri: "schools_primary",
		typeJun: "schools_junior", typeNine: "schools_nine_year"}
	withPre := map[int]bool{}
	for _, s := range g.schools {
		f[typeKeys[s.typ]]++
		if s.typ == typeKG || s.preschool {
			withPre[s.village] = true
		}
	}
	f["villages_with_preschool"] = len(withPre)
}

// householdKey is the Facts key counting household rows of year y.
func householdKey(y int) string { return "household_rows_" + strconv.Itoa(y) }
