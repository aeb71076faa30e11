package reports

import (
	"encoding/json"
	"fmt"
	"html/template"
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
// Each tweak edits the pruned option before it is written.
func newChartView(id, label string, option map[string]any, tweaks ...func(map[string]any)) (*chartView, error) {
	pruned, _ := prune(option).(map[string]any)
	for _, tw := range tweaks {
		tw(pruned)
	}
	b, err := json.Marshal(pruned)
	if err != nil {
		return nil, fmt.Errorf("marshal chart %s: %w", id, err)
	}
	return &chartView{ID: id, OptionID: id + "-option", Label: label, Option: template.JS(b)}, nil
}

// chartInit gives every chart a fixed id, no animation (deterministic
// output, instant render for print and screenshots) and a y axis; counts
// start at zero, rates are scaled by rateAxis.
func chartInit(id, unit string) []charts.GlobalOpts {
	y := opts.YAxis{Type: "value", Name: unit, Min: 0}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(y),
	}
}

// trendChart draws indicators over school years as lines, each with its
// lines marked. Point labels that would overlap move apart or hide (the
// table below the chart has every number); line labels sit in the right
// margin, clear of the points; the legend, when there is one, sits on top.
func trendChart(id, label string, years []int, series []IndicatorSeries) (*chartView, error) {
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = yearShort(y)
	}
	lo, hi := rateAxis(series)
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(id, "%")...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: lo, Max: hi, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Top: "0", Type: "scroll"}))
	line.SetXAxis(labels)
	shared := sameLines(series)
	for k, s := range series {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: "-"}
			if v.Value != nil {
				data[i].Value = round1(*v.Value)
			}
		}
		seriesOpts := []charts.SeriesOpts{
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}%"}),
		}
		// Series sharing their lines draw them once; else each its own,
		// named with the series.
		prefix := ""
		if !shared {
			prefix = s.info.short
		}
		if k == 0 || !shared {
			seriesOpts = append(seriesOpts, charts.WithMarkLineNameYAxisItemOpts(lineMarks(prefix, s.Values[len(s.Values)-1])...),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					Label: &opts.Label{Show: opts.Bool(true), Position: "end", Formatter: "{b} {c}%"}}))
		}
		line.AddSeries(s.info.short, data, seriesOpts...)
	}
	line.Validate()
	return newChartView(id, label, line.JSON(), spreadLabels, lineLabelRoom)
}

// lineLabelRoom widens the right margin of the grid to hold the line
// labels, which sit after the lines' right end, clear of the points: about
// 12 px a 汉字 and 7 px any other character at ECharts' 12 px font.
func lineLabelRoom(option map[string]any) {
	widest := 0
	series, _ := option["series"].([]any)
	for _, s := range series {
		ml, _ := s.(map[string]any)["markLine"].(map[string]any)
		data, _ := ml["data"].([]any)
		for _, d := range data {
			m, _ := d.(map[string]any)
			name, _ := m["name"].(string)
			w := 0
			for _, r := range name + " " + fmt.Sprint(m["yAxis"]) + "%" {
				if r > 0x2e80 {
					w += 12
				} else {
					w += 7
				}
			}
			widest = max(widest, w)
		}
	}
	if widest > 0 {
		option["grid"] = map[string]any{"right": widest + 12}
	}
}

// termChart is the line chart of the town's total 在读人数 per term.
func termChart(id string, totals []TermTotal) (*chartView, error) {
	labels := make([]string, len(totals))
	data := make([]opts.LineData, len(totals))
	for i, t := range totals {
		labels[i] = t.Short()
		data[i] = opts.LineData{Name: t.Label, Value: t.Enrolled}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(id, "人")...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	line.SetXAxis(labels).AddSeries("在读总人数", data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	line.Validate()
	return newChartView(id, "各学期在读总人数折线图", line.JSON(), spreadLabels)
}

// countChart is a horizontal bar chart of labelled counts: the labels sit
// on the left one under another, so long names and many bars never crowd
// each other, even on a phone.
func countChart(id, label, series string, counts []Count) (*chartView, error) {
	names := make([]string, len(counts))
	data := make([]opts.BarData, len(counts))
	for i, c := range counts {
		names[i] = c.Label
		data[i] = opts.BarData{Name: c.Label, Value: c.N}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(id, "人")...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: "{value}人"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	bar.SetXAxis(names).XYReversal().AddSeries(series, data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	bar.Validate()
	return newChartView(id, label, bar.JSON(), spreadLabels)
}

// spreadLabels sets every series' labelLayout (go-echarts has no field
// for it): labels that would overlap are moved apart vertically, and any
// still overlapping are hidden (the table under the chart has every
// number).
func spreadLabels(option map[string]any) {
	series, _ := option["series"].([]any)
	for _, s := range series {
		if m, ok := s.(map[string]any); ok {
			m["labelLayout"] = map[string]any{"moveOverlap": "shiftY", "hideOverlap": true}
		}
	}
}

// chartID makes a page-unique chart id from a prefix and an index.
func chartID(prefix string, i int) string { return "chart-" + prefix + "-" + strconv.Itoa(i) }

// chartDefaults are top-level option keys that assets/charts.js sets on
// every chart (no animation, axis tooltip), so pages need not repeat them;
// it also gives the grid its margins, which a chart's own grid overrides.
var chartDefaults = map[string]bool{"animation": true, "tooltip": true}

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
