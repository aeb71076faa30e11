// Package reports writes dropwatch's static HTML reports from the warehouse.
//
// The site has two tiers. public/ holds aggregates only and may be shown to
// anyone; restricted/ holds named data (quarantined cells with identity and
// phone numbers) and is written with owner-only permissions. Each tier is
// self-contained: its own assets/ copy, every URL relative, nothing loaded
// from off the machine, so pages work from file:// and from an intranet
// server, and either tier can be served without the other.
//
// The package reads a *sql.DB and never imports other dropwatch packages.
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
	// RunID identifies the pipeline run that produced the warehouse.
	RunID string
	// Generated is the time stamped into the pages. It is injected so tests
	// get deterministic output; it is printed in its own location. The zero
	// value means time.Now().
	Generated time.Time
}

// Site lists what Build wrote.
type Site struct {
	// Pages are the relative, slash-separated paths of the written HTML
	// pages, e.g. public/index.html and restricted/quarantine.html.
	Pages []string
}

// Permissions of the two tiers: restricted/ is readable by its owner only.
const (
	publicDirMode      os.FileMode = 0o755
	publicFileMode     os.FileMode = 0o644
	restrictedDirMode  os.FileMode = 0o700
	restrictedFileMode os.FileMode = 0o600
)

// Build writes the whole site into dir (an empty staging directory the
// caller will publish by renaming): dir/public/... (aggregates only) and
// dir/restricted/... (named data; dir/restricted mode 0700, its files 0600).
// It reads only from db. It fails when the ECharts script was not embedded
// (run make assets before building).
func Build(ctx context.Context, db *sql.DB, dir string, opt Options) (*Site, error) {
	pubAssets, resAssets, err := loadAssets(staticFS)
	if err != nil {
		return nil, err
	}
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	dash, err := LoadDashboard(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("load dashboard: %w", err)
	}
	rows, err := LoadQuarantine(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("load quarantine: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, publicDirMode); err != nil {
		return nil, fmt.Errorf("create site dir: %w", err)
	}
	site := &Site{}
	pub := tier{root: filepath.Join(dir, "public"), rel: "public", dirMode: publicDirMode, fileMode: publicFileMode, site: site}
	if err := writePublic(pub, pubAssets, dash, opt); err != nil {
		return nil, fmt.Errorf("write public: %w", err)
	}
	res := tier{root: filepath.Join(dir, "restricted"), rel: "restricted", dirMode: restrictedDirMode, fileMode: restrictedFileMode, site: site}
	if err := writeRestricted(res, resAssets, dash, rows, opt); err != nil {
		return nil, fmt.Errorf("write restricted: %w", err)
	}
	return site, nil
}

// writePublic writes the dashboard and its assets.
func writePublic(t tier, assets []asset, d *Dashboard, opt Options) error {
	if err := t.create(assets); err != nil {
		return err
	}
	p, err := newPublicPage(d, opt)
	if err != nil {
		return err
	}
	return t.page("index.html", "public-index", p)
}

// writeRestricted writes the restricted index, the quarantine list and the
// stylesheet.
func writeRestricted(t tier, assets []asset, d *Dashboard, rows []QuarantineRow, opt Options) error {
	if err := t.create(assets); err != nil {
		return err
	}
	index := newRestrictedPage(d, rows, opt, "内部页面")
	if err := t.page("index.html", "restricted-index", index); err != nil {
		return err
	}
	list := newRestrictedPage(d, rows, opt, "隔离数据清单")
	return t.page("quarantine.html", "quarantine", list)
}
