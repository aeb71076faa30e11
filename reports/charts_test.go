package reports

import "testing"

// TestRateAxis: a rate axis spans the values and lines with room around
// them, on round steps, so the gap between a figure and its line shows.
func TestRateAxis(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	series := func(target float64, veto *float64, values ...*float64) []IndicatorSeries {
		s := IndicatorSeries{}
		for _, v := range values {
			s.Values = append(s.Values, Indicator{Value: v, Target: target, Veto: veto})
		}
		return []IndicatorSeries{s}
	}
	cases := []struct {
		name   string
		in     []IndicatorSeries
		lo, hi float64
	}{
		// 99.2..99.5 with pad max(0.3/4, 1% of 99.5) = 0.995; step
		// niceStep((0.3+1.99)/4 = 0.57) = 1; floor(98.2) = 98, ceil(100.5)
		// = 101 capped at 100 as no value passes 100.
		{"enrolment near 100%", series(99.5, nil, f(99.5), f(99.2)), 98, 100},
		// 0.5..0.526 with pad 0.1 (the floor); step niceStep(0.226/4 =
		// 0.057) = 0.1; floor(0.4) = 0.4, ceil(0.626) = 0.7.
		{"dropout at the veto line", series(0.5, f(0.5), f(0.526), nil), 0.4, 0.7},
		// 0.4 against 2.5 and 3: 0.4..3, pad 0.65; step niceStep(3.9/4 =
		// 0.975) = 1; floor(-0.25) = -1 → 0, ceil(3.65) = 4.
		{"junior dropout under its lines", series(2.5, f(3), f(0.4)), 0, 4},
		// only the line 95: pad 0.95, step niceStep(0.475) = 0.5;
		// floor(94.05) → 94, ceil(95.95) → 96.
		{"no values, only the line", series(95, nil, nil), 94, 96},
	}
	for _, c := range cases {
		lo, hi := rateAxis(c.in)
		if lo != c.lo || hi != c.hi {
			t.Errorf("%s: axis %v..%v, want %v..%v", c.name, lo, hi, c.lo, c.hi)
		}
	}
}
