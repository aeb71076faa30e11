package reports

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartView is what a page template needs to place one chart: a container
// div with ID and a <script type="application/json" id=OptionID> block that
// assets/charts.js parses and hands to echarts. Every chart on a page is
// followed by a table with its numbers.
type chartView struct {
	ID       string
	OptionID string
	Label    string
	// Option is the chart's option object as JSON. It is marked template.JS so
	// html/template inserts it verbatim into the JSON script block; that is
	// safe because encoding/json escapes <, > and & (and U+2028/U+2029), so
	// no data value can close the script element.
	Option template.JS
}

// The go-echarts Render/RenderSnippet path is deliberately not used: it
// writes the option JSON with HTML escaping turned off.
func newChartView(id, label string, option map[string]any) (*chartView, error) {
	b, err := json.Marshal(prune(option))
	if err != nil {
		return nil, fmt.Errorf("marshal chart %s: %w", id, err)
	}
	return &chartView{ID: id, OptionID: id + "-option", Label: label, Option: template.JS(b)}, nil
}

// chartInit gives every chart a fixed id, no animation (deterministic
// output, instant render for print and screenshots) and a y axis from zero.
func chartInit(id, unit string, max any) []charts.GlobalOpts {
	y := opts.YAxis{Type: "value", Name: unit, Min: 0, Max: max}
	if unit == "%" {
		y.Name = ""
		y.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(y),
	}
}

// rateAxisMax is the top of a percentage axis: 100 for rates near it, else
// a round number above the largest value or line, so target lines show.
func rateAxisMax(series []IndicatorSeries) float64 {
	top := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if v.Value != nil {
				top = math.Max(top, *v.Value)
			}
			top = math.Max(top, v.Target)
			if v.Veto != nil {
				top = math.Max(top, *v.Veto)
			}
		}
	}
	switch {
	case top <= 0:
		return 1
	case top > 50 && top <= 100:
		return 100
	case top > 100:
		return math.Ceil(top/10) * 10
	}
	step := math.Pow(10, math.Floor(math.Log10(top*1.25)))
	return math.Round(math.Ceil(top*1.25/step)*step*1000) / 1000
}

// trendChart draws indicators over school years as lines, each with its
// target (and veto line) marked.
func trendChart(id, label string, years []int, series []IndicatorSeries) (*chartView, error) {
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = yearLabel(y)
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(id, "%", rateAxisMax(series))...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Bottom: "0"}))
	line.SetXAxis(labels)
	for _, s := range series {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: "-"}
			if v.Value != nil {
				data[i].Value = round1(*v.Value)
			}
		}
		last := s.Values[len(s.Values)-1]
		marks := []opts.MarkLineNameYAxisItem{{Name: "达标线", YAxis: last.Target}}
		if last.Veto != nil && *last.Veto != last.Target {
			marks = append(marks, opts.MarkLineNameYAxisItem{Name: "否决线", YAxis: *last.Veto})
		}
		line.AddSeries(s.info.short, data,
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}%"}),
			charts.WithMarkLineNameYAxisItemOpts(marks...),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label: &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "{b} {c}%"}}))
	}
	line.Validate()
	return newChartView(id, label, line.JSON())
}

// termChart is the line chart of the town's total 在读人数 per term.
func termChart(id string, totals []TermTotal) (*chartView, error) {
	labels := make([]string, len(totals))
	data := make([]opts.LineData, len(totals))
	for i, t := range totals {
		labels[i] = t.Label
		data[i] = opts.LineData{Name: t.Label, Value: t.Enrolled}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(id, "人", nil)...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	line.SetXAxis(labels).AddSeries("在读总人数", data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	line.Validate()
	return newChartView(id, "各学期在读总人数折线图", line.JSON())
}

// countChart is a bar chart of labelled counts.
func countChart(id, label, series string, counts []Count) (*chartView, error) {
	names := make([]string, len(counts))
	data := make([]opts.BarData, len(counts))
	for i, c := range counts {
		names[i] = c.Label
		data[i] = opts.BarData{Name: c.Label, Value: c.N}
	}
	axis := &opts.AxisLabel{Interval: "0"}
	if len(names) > 5 {
		axis.Rotate = 30
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(id, "人", nil)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: axis}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	bar.SetXAxis(names).AddSeries(series, data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	bar.Validate()
	return newChartView(id, label, bar.JSON())
}

// chartID makes a page-unique chart id from a prefix and an index.
func chartID(prefix string, i int) string { return "chart-" + prefix + "-" + strconv.Itoa(i) }

// chartDefaults are top-level option keys that assets/charts.js sets on
// every chart (no animation, axis tooltip, grid), so pages need not repeat
// them.
var chartDefaults = map[string]bool{"animation": true, "tooltip": true, "grid": true}

// prune drops what go-echarts fills in but the charts do not need (the
// default palette, empty title and toolbox, null and repeated settings), so
// a page with a chart stays small.
func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k == "color" || k == "animation" && x["type"] != nil || chartDefaults[k] {
				continue
			}
			e = prune(e)
			if e == nil {
				continue
			}
			if m, ok := e.(map[string]any); ok && len(m) == 0 {
				continue
			}
			out[k] = e
		}
		return out
	case []any:
		for i := range x {
			x[i] = prune(x[i])
		}
		return x
	case []map[string]any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = prune(x[i])
		}
		return out
	}
	return normalize(v)
}

// normalize turns go-echarts option structs into plain JSON values so prune
// can walk them.
func normalize(v any) any {
	switch v.(type) {
	case nil, string, bool, float64, int, int64:
		return v
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return v
	}
	if m, ok := out.(map[string]any); ok {
		return prune(m)
	}
	if a, ok := out.([]any); ok {
		return prune(a)
	}
	return out
}
