package demotown

import "testing"

func TestSeedsTmp(t *testing.T) {
	keys := []string{"registered_dropouts", "registered_persuading", "registered_returned", "registered_unreturnable",
		"unregistered_dropouts", "unregistered_returned", "summer_vanished", "returns", "transfers_out",
		"migrants_with_proof", "migrants_without_proof", "inflow", "other_document_children", "left_behind",
		"disabled_visual", "disabled_hearing", "disabled_intellectual", "disabled_mainstream",
		"disabled_special_school", "disabled_home_teaching", "disabled_deferred", "disabled_exempt",
		"disabled_not_enrolled", "deaths", "deaths_household", "deaths_roster", "hukou_out", "suspensions",
		"never_enrolled", "late_starters", "kindergarten_school_age", "late_at_home", "repeaters",
		"primary_graduates", "junior_graduates", "graduates_academic", "graduates_vocational",
		"graduates_none", "graduates_other", "handoff_dates_on_time", "handoff_dates_late",
		"handoff_dates_blank", "duplicate_rows", "typo_not_dropout"}
	for seed := int64(100); seed < 140; seed++ {
		for _, n := range []int{3000, 1000} {
			man, err := Generate(t.TempDir(), Options{Seed: seed, Children: n})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				if man.Facts[k] == 0 {
					t.Errorf("seed %d n %d: no %s", seed, n, k)
				}
			}
			for _, k := range brNames {
				if man.Facts["broken_"+k] == 0 {
					t.Errorf("seed %d n %d: no broken %s", seed, n, k)
				}
			}
		}
	}
}
