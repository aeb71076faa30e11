package reports

import (
	"embed"
	"fmt"
	"html/template"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates holds every page and partial; html/template escapes all data
// for its context.
var pageTemplates = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// timeLayout is how times are printed in the pages.
const timeLayout = "2006-01-02 15:04"

// pageInfo is what every page's head and footer show.
type pageInfo struct {
	PageTitle string // <title>
	Title     string // the site heading, 「<TownName>控辍保学监测」
	TownCode  string
	RunID     string
	Generated string
	AsOf      string // latest term label, or 暂无数据
	LoadedAt  string // latest loaded_at of a loaded file, or empty
}

// publicPage is the data of public/index.html.
type publicPage struct {
	pageInfo
	Dash        *Dashboard
	SchoolChart *chartView // nil when the latest term has no schools
	TermChart   *chartView // nil when there are no terms
}

// restrictedPage is the data of the restricted pages.
type restrictedPage struct {
	pageInfo
	Rows []QuarantineRow
}

func newPageInfo(d *Dashboard, opt Options, pageTitle string) pageInfo {
	p := pageInfo{
		PageTitle: pageTitle,
		Title:     opt.TownName + "控辍保学监测",
		TownCode:  opt.TownCode,
		RunID:     opt.RunID,
		Generated: opt.Generated.Format(timeLayout),
		AsOf:      "暂无数据",
	}
	if d.LatestTerm != nil {
		p.AsOf = d.LatestTerm.Label
	}
	if t := d.Loads.LatestLoadedAt; t != nil {
		p.LoadedAt = t.Format(timeLayout)
	}
	return p
}

func newPublicPage(d *Dashboard, opt Options) (*publicPage, error) {
	p := &publicPage{Dash: d}
	p.pageInfo = newPageInfo(d, opt, opt.TownName+"控辍保学监测")
	var err error
	if len(d.Schools) > 0 {
		if p.SchoolChart, err = schoolChart(d); err != nil {
			return nil, fmt.Errorf("school chart: %w", err)
		}
	}
	if len(d.TermTotals) > 0 {
		if p.TermChart, err = termChart(d); err != nil {
			return nil, fmt.Errorf("term chart: %w", err)
		}
	}
	return p, nil
}

func newRestrictedPage(d *Dashboard, rows []QuarantineRow, opt Options, pageTitle string) *restrictedPage {
	return &restrictedPage{
		pageInfo: newPageInfo(d, opt, pageTitle+" - "+opt.TownName+"控辍保学监测"),
		Rows:     rows,
	}
}
