package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"

	"dropwatch/privacy"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates holds every page and partial; html/template escapes all data
// for its context.
var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"pct":   pct,
	"num":   num,
	"mask":  privacy.MaskName,
	"small": smallCell,
	"add":   func(a, b int) int { return a + b },
	"year":  yearLabel,
	"last":  func(v []Indicator) Indicator { return v[len(v)-1] },
	"tbl": func(years []int, series []IndicatorSeries) seriesTable {
		return seriesTable{Years: years, Series: series}
	},
}).ParseFS(templateFS, "templates/*.html"))

// seriesTable is the data of the "series" partial.
type seriesTable struct {
	Years  []int
	Series []IndicatorSeries
}

// timeLayout is how times are printed in the pages.
const timeLayout = "2006-01-02 15:04"

// pageInfo is what every page's head and footer show.
type pageInfo struct {
	PageTitle string // <title>
	Title     string // the site heading, 「<TownName>控辍保学监测」
	Root      string // relative path from the page to its tier root: "" or "../"
	TownCode  string
	RunID     string
	Generated string
	AsOf      string // latest term label, or 暂无数据
	LoadedAt  string // latest loaded_at of a loaded file, or empty
	Charts    bool   // the page draws charts and loads the chart scripts
	NoIndex   bool   // ask search engines to stay away (restricted pages)
	Alerts    []string
}

// siteInfo is what every page of one build shares.
type siteInfo struct {
	opt      Options
	asOf     string
	loadedAt string
	noIndex  bool
}

func newSiteInfo(d *Dashboard, opt Options) siteInfo {
	s := siteInfo{opt: opt, asOf: "暂无数据"}
	if d.LatestTerm != nil {
		s.asOf = d.LatestTerm.Label
	}
	if t := d.Loads.LatestLoadedAt; t != nil {
		s.loadedAt = t.Format(timeLayout)
	}
	return s
}

// page returns the head and footer data of a page titled title, root
// levels below its tier.
func (s siteInfo) page(title, root string) pageInfo {
	full := s.opt.TownName + "控辍保学监测"
	pt := full
	if title != "" {
		pt = title + " - " + s.opt.TownName
	}
	return pageInfo{
		PageTitle: pt,
		Title:     full,
		Root:      root,
		TownCode:  s.opt.TownCode,
		RunID:     s.opt.RunID,
		Generated: s.opt.Generated.Format(timeLayout),
		AsOf:      s.asOf,
		LoadedAt:  s.loadedAt,
		NoIndex:   s.noIndex,
		Alerts:    maskAll(s.opt.Alerts),
	}
}

// compact drops the line breaks and indentation the templates are written
// with: pages are mostly tables, and a county has a thousand of them. No
// template puts a line break inside text or inside a <pre>.
func compact(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			out = append(out, b[i])
			continue
		}
		for i+1 < len(b) && (b[i+1] == ' ' || b[i+1] == '\t') {
			i++
		}
	}
	return out
}

// render executes a template into compact HTML.
func render(tmpl string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, tmpl, data); err != nil {
		return nil, err
	}
	return compact(buf.Bytes()), nil
}

// maskAll masks long digit runs in free text that every page shows.
func maskAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = privacy.MaskText(s)
	}
	return out
}

// smallCell prints a count of children on a public page below town level:
// 1 or 2 read "<3", as statistical offices suppress small cells, since in a
// village "1 人 学籍消失" beside the group and its cadre names the child.
// docs/reliability.md ("Nothing leaked") gives the rule.
func smallCell(n int64) string {
	if n > 0 && n < 3 {
		return "<3"
	}
	return fmt.Sprint(n)
}
