package main

// The reports of the demo town, end to end: `dropwatch demo` builds the
// site, then every page is opened in Debian's headless Chromium with the
// network cut off, the public tier is scanned for personal data and every
// URL is checked to be relative. BenchmarkBuild measures report generation
// alone at the demo sizes (DROPWATCH_BENCH_SIZES, e.g. "town,county").

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dropwatch/reports/reporttest"
)

// rptDemo runs `dropwatch demo` with 600 children into a temp dir.
func rptDemo(t testing.TB, children int) string {
	t.Helper()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	args := []string{"demo", "--dir", dir, "--children", fmt.Sprint(children)}
	if code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("demo: code %d\n%s", code, errOut.String())
	}
	return dir
}

// rptPages lists the .html files of both tiers, relative to out/.
func rptPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	for _, tier := range []string{"public", "restricted"} {
		root, err := filepath.EvalSymlinks(filepath.Join(out, tier)) // published tiers are links
		if err != nil {
			t.Fatalf("tier %s: %v", tier, err)
		}
		err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasSuffix(p, ".html") {
				rel, _ := filepath.Rel(root, p)
				pages = append(pages, tier+"/"+filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("walk %s: %v", root, err)
		}
	}
	return pages
}

func TestDemoReports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	dir := rptDemo(t, 600)
	out := filepath.Join(dir, "out")
	pages := rptPages(t, out)
	if len(pages) < 20 {
		t.Fatalf("demo wrote %d pages: %q", len(pages), pages)
	}
	t.Run("relative URLs", func(t *testing.T) { rptCheckURLs(t, out, pages) })
	t.Run("no personal data in public", func(t *testing.T) { rptCheckPublic(t, dir) })
	t.Run("browser", func(t *testing.T) { rptCheckBrowser(t, out, pages) })
}

// rptCheckBrowser opens every page: no console error, no request off the
// machine, every chart drawn and followed by its table. The dashboard's
// screenshot is kept in reports/testdata/artifacts (git-ignored).
func rptCheckBrowser(t *testing.T, out string, pages []string) {
	p := &reporttest.Problems{}
	ctx := reporttest.Browser(t, p, 5*time.Minute)
	charts := 0
	for _, page := range pages {
		u := "file://" + filepath.ToSlash(filepath.Join(out, page))
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
			t.Errorf("open %s: %v", page, err)
			continue
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](reporttest.ChartsDrawn, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Errorf("%s: charts not drawn: %v", page, err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart').length`))
		if err != nil {
			t.Errorf("%s: %v", page, err)
		}
		charts += n
		if bare, err := chromedp.Run(ctx, chromedp.Evaluate[int](reporttest.ChartsWithoutTable)); err != nil || bare != 0 {
			t.Errorf("%s: %d charts without their table (%v)", page, bare, err)
		}
		if page == "public/index.html" {
			rptScreenshot(t, ctx, "demo-dashboard.png")
		}
		errs, reqs := p.Take()
		for _, e := range errs {
			t.Errorf("%s: %s", page, e)
		}
		for _, r := range reqs {
			t.Errorf("%s tried to load %s", page, r)
		}
	}
	if charts < 10 {
		t.Errorf("only %d charts in the whole demo site", charts)
	}
	reporttest.CheckNoProblems(t, p, "late")
}

// rptScreenshot keeps a full-page PNG in reports/testdata/artifacts.
func rptScreenshot(t *testing.T, ctx context.Context, name string) {
	reporttest.Screenshot(t, ctx, filepath.Join("..", "..", "reports", "testdata", "artifacts"), name)
}
