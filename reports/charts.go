package reports

import (
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartView is what a page template needs to place one chart: a container
// div with ID and a <script type="application/json" id=OptionID> block that
// assets/charts.js parses and hands to echarts.
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
	b, err := json.Marshal(option)
	if err != nil {
		return nil, fmt.Errorf("marshal chart %s: %w", id, err)
	}
	return &chartView{ID: id, OptionID: id + "-option", Label: label, Option: template.JS(b)}, nil
}

// chartInit gives every chart a fixed id and no animation (deterministic
// output, instant render for print and screenshots).
func chartInit(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "人", Min: 0}),
	}
}

// schoolChart is the bar chart of the latest term's 在读人数 per school.
func schoolChart(d *Dashboard) (*chartView, error) {
	const id = "chart-school-enrolment"
	names := make([]string, len(d.Schools))
	data := make([]opts.BarData, len(d.Schools))
	for i, s := range d.Schools {
		names[i] = s.Name
		data[i] = opts.BarData{Name: s.Name, Value: s.Enrolled}
	}
	label := &opts.AxisLabel{}
	if len(names) > 5 {
		label.Rotate = 30
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(id)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: label}))
	bar.SetXAxis(names).AddSeries("在读人数", data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	bar.Validate()
	return newChartView(id, "各校在读人数柱状图", bar.JSON())
}

// termChart is the line chart of the town's total 在读人数 per term.
func termChart(d *Dashboard) (*chartView, error) {
	const id = "chart-term-enrolment"
	labels := make([]string, len(d.TermTotals))
	data := make([]opts.LineData, len(d.TermTotals))
	for i, t := range d.TermTotals {
		labels[i] = t.Label
		data[i] = opts.LineData{Name: t.Label, Value: t.Enrolled}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(id)...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}))
	line.SetXAxis(labels).AddSeries("在读总人数", data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	line.Validate()
	return newChartView(id, "各学期在读总人数折线图", line.JSON())
}
