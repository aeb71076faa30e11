package reports

import (
	"context"
	"testing"
)

// TestHeadline: the dashboard's opening names every school and village that
// missed a line in the year, with the figure and the line (fixture rows in
// fixture_test.go).
func TestHeadline(t *testing.T) {
	ind, err := loadIndicators(context.Background(), newTestDB(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		year int
		want []string
	}{
		// 2024: 东山小学 1/148 = 0.68% and 石桥 2/176 = 1.14% are above the
		// 0.5% veto line (code order); 西岭村 99.3% < 99.5% and has no
		// kindergarten; the town's 初中入学率 440/470 = 93.6% < 95% and its
		// 小学辍学率 4/760 = 0.526% > 0.5%, which one decimal would print as
		// the line itself, so it gets two.
		{2024, []string{
			"2024-2025学年，一票否决的学校 2 所：示范镇东山小学（小学年辍学率 0.7%，超过一票否决线 0.5%）、石桥九年一贯制学校（小学年辍学率 1.1%，超过一票否决线 0.5%）。",
			"未达标的村（社区） 1 个：西岭村（小学学龄人口入学率 99.3%，达标线 ≥ 99.5%；每村一所幼儿园或学前班：无）。",
			"全镇未达标的指标：初中学龄人口入学率 93.6%，达标线 ≥ 95%；小学年辍学率 0.53%，超过一票否决线 0.5%。",
		}},
		// 2025: no school misses (dropout rates not yet known); both
		// villages below 99.5%; the town 595/600 = 99.17%.
		{2025, []string{
			"2025-2026学年，未达标的村（社区） 2 个：东山村（小学学龄人口入学率 99.3%，达标线 ≥ 99.5%）、西岭村（小学学龄人口入学率 99.0%，达标线 ≥ 99.5%；每村一所幼儿园或学前班：无）。",
			"全镇未达标的指标：小学学龄人口入学率 99.2%，达标线 ≥ 99.5%。",
		}},
		{2030, []string{"2030-2031学年，各学校、各村（社区）和全镇的指标均达标或暂无数据。"}},
	}
	for _, c := range cases {
		got := newHeadline(ind, c.year, yearLabel(c.year)).Sentences
		if len(got) != len(c.want) {
			t.Errorf("%d: got %q, want %q", c.year, got, c.want)
			continue
		}
		for k := range got {
			if got[k] != c.want[k] {
				t.Errorf("%d sentence %d:\n got %s\nwant %s", c.year, k, got[k], c.want[k])
			}
		}
	}
}

// TestHeadlineCap: past headlineCap scopes a sentence counts the rest.
func TestHeadlineCap(t *testing.T) {
	misses := make([]scopeMiss, headlineCap+3)
	for i := range misses {
		misses[i] = scopeMiss{name: "校", items: []string{"x"}}
	}
	got := missSentence("未达标", "学校", "所", misses)
	want := "未达标的学校 13 所：校（x）、校（x）、校（x）、校（x）、校（x）、校（x）、校（x）、校（x）、校（x）、校（x）等，另有 3 所见每学期初上报。"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
