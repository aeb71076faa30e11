package reports

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// dashboardPage is the data of public/index.html.
type dashboardPage struct {
	pageInfo
	Dash        *Dashboard
	TermChart   *chartView
	Trends      []trendView
	ReasonChart *chartView
	GroupChart  *chartView
	// Composition is the dropouts by level, gender and group in one table.
	Composition []Count
	Bulletins   []Bulletin
	Report      *CountyReport
	Cases       *CaseCounts
}

// caseCountsView is the data of public/cases.html.
type caseCountsView struct {
	pageInfo
	C *CaseCounts
}

// trendView is one trend chart and the series it draws.
type trendView struct {
	Chart  *chartView
	Series []IndicatorSeries
}

// trendGroups groups the town's series into the dashboard's trend charts
// by the catalogue's trend_chart (mart.indicator_catalog): series sharing a
// number share a chart, charts in number order, series in catalogue order.
func trendGroups(trends []IndicatorSeries) (charts []int, groups map[int][]IndicatorSeries) {
	groups = map[int][]IndicatorSeries{}
	for _, s := range trends {
		if n := s.info.trend; n > 0 {
			if groups[n] == nil {
				charts = append(charts, n)
			}
			groups[n] = append(groups[n], s)
		}
	}
	sort.Ints(charts)
	return charts, groups
}

func newDashboardPage(s *siteData, info siteInfo) (*dashboardPage, error) {
	d := s.dash
	p := &dashboardPage{pageInfo: info.page("", ""), Dash: d, Bulletins: s.bulletins, Report: s.report, Cases: s.caseCounts}
	p.Charts = true
	var err error
	if len(d.TermTotals) > 0 {
		if p.TermChart, err = termChart("chart-term-enrolment", d.TermTotals); err != nil {
			return nil, err
		}
	}
	charts, groups := trendGroups(d.Trends)
	for _, n := range charts {
		series := groups[n]
		c, err := trendChart(chartID("trend", n), series[0].Name+"历年折线图", d.Years, series)
		if err != nil {
			return nil, err
		}
		p.Trends = append(p.Trends, trendView{Chart: c, Series: series})
	}
	if dp := d.Dropouts; dp != nil && dp.Total > 0 {
		if p.ReasonChart, err = countChart("chart-dropout-reason", "辍学原因柱状图", "辍学人数", dp.ByReason); err != nil {
			return nil, err
		}
		p.Composition = append(append(append([]Count{}, dp.ByLevel...), dp.ByGender...), dp.ByGroup...)
		if p.GroupChart, err = countChart("chart-dropout-group", "辍学学生构成柱状图", "辍学人数", p.Composition); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// schoolView is the data of public/schools/<code>.html.
type schoolView struct {
	pageInfo
	S     *SchoolPage
	Chart *chartView // dropout trend; nil when the school has no dropout rate
}

// villageView is the data of public/villages/<code>.html.
type villageView struct {
	pageInfo
	V *VillagePage
}

// listView is the data of the school and village index pages.
type listView struct {
	pageInfo
	Schools  []SchoolPage
	Villages []VillagePage
}

// bulletinView is the data of a bulletin page.
type bulletinView struct {
	pageInfo
	B        *Bulletin
	Workbook string
	Sheets   []sheetView
	// Issuer and Issued are the title block's unit and date of issue.
	Issuer, Issued string
}

// issueDate prints a date of issue as an office writes it: 2025年10月10日.
func issueDate(t time.Time) string { return t.Format("2006年1月2日") }

// reportView is the data of the semester-start report page.
type reportView struct {
	pageInfo
	R        *CountyReport
	Workbook string
	Sheets   []sheetView
}

// qualityView is the data of public/quality.html.
type qualityView struct {
	pageInfo
	Q *QualityPage
}

func writePublic(ctx context.Context, t tier, s *siteData, info siteInfo) error {
	dash, err := newDashboardPage(s, info)
	if err != nil {
		return err
	}
	t.page("index.html", "dashboard", dash)
	t.page("cases.html", "case-counts", &caseCountsView{pageInfo: info.page("个案核查进展", ""), C: s.caseCounts})
	if err := writeSchools(ctx, t, s, info); err != nil {
		return err
	}
	if err := writeVillages(ctx, t, s, info); err != nil {
		return err
	}
	for i := range s.bulletins {
		b := &s.bulletins[i]
		v := &bulletinView{pageInfo: info.page(b.Term.Label+"学期通报", ""), B: b, Workbook: b.Slug + ".xlsx",
			Sheets: viewSheets(bulletinSheets(b)), Issuer: info.opt.Issuer, Issued: issueDate(info.opt.Generated)}
		t.page(b.Slug+".html", "bulletin", v)
		// The public workbooks are few and small: always made (their
		// indicators carry catalogue fields a digest would not see).
		t.workbook(b.Slug+".xlsx", func() ([]byte, error) { return bulletinWorkbook(b, info.opt) })
	}
	if r := s.report; r != nil {
		v := &reportView{pageInfo: info.page(r.Term.Label+"学期初上报", ""), R: r, Workbook: r.Slug + ".xlsx",
			Sheets: viewSheets(reportSheets(r, true))}
		t.page(r.Slug+".html", "report", v)
		t.workbook(r.Slug+".xlsx", func() ([]byte, error) { return reportWorkbook(r, info.opt) })
	}
	t.page("early_warning.html", "early-warning", &earlyWarningView{pageInfo: info.page("辍学苗头预警", ""), S: s.warnSummary})
	t.page("quality.html", "quality", &qualityView{pageInfo: info.page("数据质量", ""), Q: s.quality})
	return nil
}

// earlyWarningView is the data of public/early_warning.html.
type earlyWarningView struct {
	pageInfo
	S *WarningSummary
}

func writeSchools(ctx context.Context, t tier, s *siteData, info siteInfo) error {
	if err := t.mkdir("schools"); err != nil {
		return err
	}
	idx := &listView{pageInfo: info.page("各学校", "../"), Schools: s.schools}
	t.page("schools/index.html", "schools", idx)
	for i := range s.schools {
		if err := ctx.Err(); err != nil {
			return err
		}
		sp := &s.schools[i]
		v := &schoolView{pageInfo: info.page(sp.Name, "../"), S: sp}
		var dropout []IndicatorSeries
		for _, x := range sp.Indicators {
			if x.info.dropout() && hasValue(x) {
				dropout = append(dropout, x)
			}
		}
		if len(dropout) > 0 {
			c, err := trendChart("chart-school-dropout", "辍学率历年折线图", sp.Years, dropout)
			if err != nil {
				return fmt.Errorf("school %s chart: %w", sp.Code, err)
			}
			v.Chart, v.Charts = c, true
		}
		t.page("schools/"+sp.File(), "school", v)
	}
	return nil
}

func hasValue(s IndicatorSeries) bool {
	for _, v := range s.Values {
		if v.Value != nil {
			return true
		}
	}
	return false
}

func writeVillages(ctx context.Context, t tier, s *siteData, info siteInfo) error {
	if err := t.mkdir("villages"); err != nil {
		return err
	}
	idx := &listView{pageInfo: info.page("各村（社区）", "../"), Villages: s.villages}
	t.page("villages/index.html", "villages", idx)
	for i := range s.villages {
		if err := ctx.Err(); err != nil {
			return err
		}
		vp := &s.villages[i]
		v := &villageView{pageInfo: info.page(vp.Name, "../"), V: vp}
		t.page("villages/"+vp.File(), "village", v)
	}
	return nil
}
