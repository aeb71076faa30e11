// Package reports writes dropwatch's static HTML reports and workbooks from
// the warehouse.
//
// The site has two tiers. public/ holds aggregates only and may be shown to
// anyone: the dashboard, a page per school and per village, the semester
// bulletins (学期通报) and the semester-start report to the county
// (每学期初上报) as pages and .xlsx workbooks, and the data-quality page.
// restricted/ holds the named lists cadres and head teachers take on their
// visits (unaccounted children, dropouts with their persuasion history,
// handoff misses, quarantined cells, the early-warning lists per class and
// per village, the 关爱台账) and is written with owner-only
// permissions. Each tier is self-contained: its own assets/ copy, every URL
// relative, nothing loaded from off the machine, so pages work from file://
// and from an intranet server, and either tier can be served without the
// other.
//
// Every page is rendered from a data struct loaded by one loader (Load*),
// so golden copies of those structs pin what the pages say. The package
// reads a *sql.DB and imports no other dropwatch package but privacy (the
// masks).
package reports

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Options identify the town and the run in the written pages.
type Options struct {
	// TownName is the town's name, e.g. 示范镇; it heads every page.
	TownName string
	// TownCode is the town's administrative code, shown in the footer.
	TownCode string
	// Issuer is the unit that issues the bulletin (its title block, the
	// workbook's header and footer); empty means TownName + 教育办.
	Issuer string
	// RunID identifies the pipeline run that produced the warehouse.
	RunID string
	// Generated is the time stamped into the pages. It is injected so tests
	// get deterministic output; it is printed in its own location. The zero
	// value means time.Now().
	Generated time.Time
	// Alerts are warnings every page's footer shows, such as a scheduled
	// job that failed after its retries; empty when all is well.
	Alerts []string
	// RunStarted is when the run began, as audit.loads.loaded_at records
	// time (the wall-clock reading of the configured zone). The quality
	// page lists and counts files skipped or rejected from then on, so a
	// nightly re-run does not add the same files again; zero lists all.
	RunStarted time.Time
	// Program identifies the program and settings that render (pipeline
	// passes its build key). Workbooks are recorded (DigestsFile) and
	// reused only when it is set: a workbook of another program is made
	// again.
	Program string
	// Previous is the root of an earlier site (the release in force), or
	// "" for none: its workbooks whose inputs are unchanged are
	// hard-linked into this site instead of being made again (reuse.go).
	Previous string
}

// Site lists what Build wrote.
type Site struct {
	// Pages are the relative, slash-separated paths of the written HTML
	// pages, e.g. public/index.html and restricted/quarantine.html.
	Pages []string
	// Workbooks are the paths of the written .xlsx files.
	Workbooks []string
	// Reused are the workbooks taken from Options.Previous rather than
	// made again (also listed in Workbooks).
	Reused []string
}

// Permissions of the two tiers: restricted/ is readable by its owner only.
const (
	publicDirMode      os.FileMode = 0o755
	publicFileMode     os.FileMode = 0o644
	restrictedDirMode  os.FileMode = 0o700
	restrictedFileMode os.FileMode = 0o600
)

// siteData is everything the site shows, loaded before anything is written.
type siteData struct {
	dash        *Dashboard
	schools     []SchoolPage
	villages    []VillagePage
	bulletins   []Bulletin
	report      *CountyReport
	openCases   []CaseCount // the persuasion ledger's open cases by school
	quality     *QualityPage
	unaccounted *UnaccountedList
	dropouts    *DropoutList
	handoff     *HandoffList
	quarantine  []QuarantineRow
	warning     *WarningList
	warnSummary *WarningSummary
	care        *CareRegister
	worklists   *Worklists
	caseLedger  *CaseLedger
	caseCounts  *CaseCounts
}

// loadSite runs every loader, sharing the indicator and bulletin reads.
// The named lists of the restricted tier load on their own goroutine
// while the public pages' data loads (the handle is safe for concurrent
// use and the two share no reads).
func loadSite(ctx context.Context, db *sql.DB, opt Options) (*siteData, error) {
	s := &siteData{}
	restricted := make(chan error, 1)
	go func() { restricted <- loadRestricted(ctx, db, s) }()
	err := loadPublic(ctx, db, opt, s)
	if rerr := <-restricted; err == nil {
		err = rerr
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// loadPublic reads what the public pages show.
func loadPublic(ctx context.Context, db *sql.DB, opt Options, s *siteData) error {
	ind, err := loadIndicators(ctx, db)
	if err != nil {
		return err
	}
	if s.dash, err = loadDashboard(ctx, db, ind, opt.RunStarted); err != nil {
		return fmt.Errorf("load dashboard: %w", err)
	}
	rows, err := loadBulletinRows(ctx, db)
	if err != nil {
		return err
	}
	s.bulletins = buildBulletins(rows, ind)
	if s.schools, err = loadSchoolPages(ctx, db, ind, rows); err != nil {
		return fmt.Errorf("load schools: %w", err)
	}
	if s.villages, err = loadVillagePages(ctx, db, ind); err != nil {
		return fmt.Errorf("load villages: %w", err)
	}
	if s.openCases, err = loadOpenCases(ctx, db); err != nil {
		return err
	}
	if s.report, err = loadCountyReport(ctx, db, ind, s.bulletins, s.openCases); err != nil {
		return fmt.Errorf("load county report: %w", err)
	}
	if s.quality, err = LoadQualityPage(ctx, db, opt.RunStarted); err != nil {
		return fmt.Errorf("load quality: %w", err)
	}
	return nil
}

// loadRestricted reads the named lists of the restricted tier.
func loadRestricted(ctx context.Context, db *sql.DB, s *siteData) error {
	var err error
	if s.unaccounted, err = LoadUnaccountedList(ctx, db); err != nil {
		return fmt.Errorf("load unaccounted: %w", err)
	}
	if s.dropouts, err = LoadDropoutList(ctx, db); err != nil {
		return fmt.Errorf("load dropouts: %w", err)
	}
	if s.handoff, err = LoadHandoffList(ctx, db); err != nil {
		return fmt.Errorf("load handoff: %w", err)
	}
	if s.quarantine, err = LoadQuarantine(ctx, db); err != nil {
		return fmt.Errorf("load quarantine: %w", err)
	}
	if err := loadCaseOutputs(ctx, db, s); err != nil {
		return err
	}
	return loadWarning(ctx, db, s)
}

// loadCaseOutputs reads the work lists, the 个案台账 and the public case counts.
func loadCaseOutputs(ctx context.Context, db *sql.DB, s *siteData) error {
	var err error
	if s.worklists, err = LoadWorklists(ctx, db); err != nil {
		return fmt.Errorf("load work lists: %w", err)
	}
	if s.caseLedger, err = LoadCaseLedger(ctx, db); err != nil {
		return fmt.Errorf("load case ledger: %w", err)
	}
	if s.caseCounts, err = LoadCaseCounts(ctx, db); err != nil {
		return fmt.Errorf("load case counts: %w", err)
	}
	return nil
}

// loadWarning reads the early warning's lists, counts and the care register.
func loadWarning(ctx context.Context, db *sql.DB, s *siteData) error {
	var err error
	if s.warning, err = LoadWarningList(ctx, db); err != nil {
		return fmt.Errorf("load early warning: %w", err)
	}
	if s.warnSummary, err = LoadWarningSummary(ctx, db); err != nil {
		return fmt.Errorf("load early-warning summary: %w", err)
	}
	if s.care, err = LoadCareRegister(ctx, db); err != nil {
		return fmt.Errorf("load care register: %w", err)
	}
	return nil
}

// Build writes the whole site into dir (an empty staging directory the
// caller will publish by renaming): dir/public/... (aggregates only) and
// dir/restricted/... (named data; dir/restricted mode 0700, its files 0600).
// It reads only from db, on two connections at most while loading, and
// renders the files on GOMAXPROCS goroutines. It fails when the ECharts
// script was not embedded (run make assets before building).
func Build(ctx context.Context, db *sql.DB, dir string, opt Options) (*Site, error) {
	pubAssets, resAssets, err := loadAssets(staticFS)
	if err != nil {
		return nil, err
	}
	if opt.Issuer == "" {
		opt.Issuer = opt.TownName + "教育办"
	}
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	data, err := loadSite(ctx, db, opt)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, publicDirMode); err != nil {
		return nil, fmt.Errorf("create site dir: %w", err)
	}
	q := &queue{reuse: newReuse(opt)}
	info := newSiteInfo(data.dash, opt)
	pub := tier{root: filepath.Join(dir, "public"), rel: "public", dirMode: publicDirMode, fileMode: publicFileMode, q: q}
	if err := pub.create(pubAssets); err != nil {
		return nil, fmt.Errorf("write public: %w", err)
	}
	if err := writePublic(ctx, pub, data, info); err != nil {
		return nil, fmt.Errorf("write public: %w", err)
	}
	res := tier{root: filepath.Join(dir, "restricted"), rel: "restricted", dirMode: restrictedDirMode, fileMode: restrictedFileMode, q: q}
	if err := res.create(resAssets); err != nil {
		return nil, fmt.Errorf("write restricted: %w", err)
	}
	if err := writeRestricted(ctx, res, data, info); err != nil {
		return nil, fmt.Errorf("write restricted: %w", err)
	}
	site := &Site{}
	if err := q.run(ctx, site, 0); err != nil {
		return nil, err
	}
	if q.reuse != nil {
		if err := q.reuse.write(dir, q.done); err != nil {
			return nil, err
		}
	}
	return site, nil
}
