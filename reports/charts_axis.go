package reports

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// rateAxis is the range of a percentage axis: the values and every line
// drawn, with room above and below so the gap between a figure and its
// line shows (97.3% against 99.5% is not flattened by an axis from 0), on
// round steps, never below 0 or above 100 unless a value is.
func rateAxis(series []IndicatorSeries) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for _, s := range series {
		for _, v := range s.Values {
			if v.Value != nil {
				see(*v.Value)
			}
		}
		last := s.Values[len(s.Values)-1]
		see(last.Target)
		if last.Veto != nil {
			see(*last.Veto)
		}
	}
	if math.IsInf(lo, 0) {
		return 0, 100
	}
	top := hi
	pad := math.Max((hi-lo)*0.25, math.Max(hi*0.01, 0.1))
	step := niceStep((hi - lo + 2*pad) / 4)
	lo = math.Max(0, math.Floor((lo-pad)/step)*step)
	hi = math.Ceil((hi+pad)/step) * step
	if hi > 100 && top <= 100 {
		hi = 100
	}
	return round3(lo), round3(hi)
}

// niceStep rounds a step up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if x <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// lineMarks are the horizontal lines of an indicator: 达标线, and for the
// dropout rates 一票否决线, named so; when both are the same number one
// line carries both names. A prefix (the series' short name) tells apart
// the lines of several series on one chart.
func lineMarks(prefix string, last Indicator) []opts.MarkLineNameYAxisItem {
	if last.Veto == nil {
		return []opts.MarkLineNameYAxisItem{{Name: prefix + "达标线", YAxis: last.Target}}
	}
	if *last.Veto == last.Target {
		return []opts.MarkLineNameYAxisItem{{Name: prefix + "达标线、一票否决线", YAxis: last.Target}}
	}
	return []opts.MarkLineNameYAxisItem{{Name: prefix + "达标线", YAxis: last.Target},
		{Name: prefix + "一票否决线", YAxis: *last.Veto}}
}

// sameLines reports whether every series has the same lines, so one set
// of marks serves the chart.
func sameLines(series []IndicatorSeries) bool {
	first := series[0].Values[len(series[0].Values)-1]
	for _, s := range series[1:] {
		last := s.Values[len(s.Values)-1]
		if last.Target != first.Target || (last.Veto == nil) != (first.Veto == nil) ||
			last.Veto != nil && *last.Veto != *first.Veto {
			return false
		}
	}
	return true
}
