package reports

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dropwatch/reports/reporttest"
)

func TestDashboardInBrowser(t *testing.T) {
	p := &reporttest.Problems{}
	ctx := reporttest.Browser(t, p, 60*time.Second)
	dir, site := buildSite(t, newTestDB(t))
	url := "file://" + filepath.ToSlash(filepath.Join(dir, "public", "index.html"))

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url)); err != nil {
		t.Fatalf("open dashboard: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](reporttest.ChartsDrawn, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("charts not drawn: %v", err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart svg').length`))
	if err != nil || n != 8 {
		t.Errorf("drawn charts on page = %d (err %v), want 8", n, err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](reporttest.ChartsWithoutTable)); err != nil || n != 0 {
		t.Errorf("%d charts without a table (err %v)", n, err)
	}
	screenshot(t, ctx, "dashboard.png")

	// On a phone the page must not scroll sideways: wide tables scroll inside
	// their wrappers.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("phone viewport: %v", err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
	if err != nil || overflow {
		t.Errorf("page wider than a phone screen (overflow %v, err %v)", overflow, err)
	}
	screenshot(t, ctx, "dashboard-phone.png")

	for _, page := range site.Pages[1:] {
		u := "file://" + filepath.ToSlash(filepath.Join(dir, page))
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
			t.Errorf("open %s: %v", page, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](reporttest.ChartsDrawn, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("%s: charts not drawn: %v", page, err)
		}
		switch page {
		case "public/schools/2144000001.html":
			screenshot(t, ctx, "school.png")
		case "public/villages/441302101201.html":
			screenshot(t, ctx, "village.png")
		case "public/bulletin-2024-2.html":
			screenshot(t, ctx, "bulletin.png")
		case "restricted/villages/441302101201.html":
			screenshot(t, ctx, "restricted-village.png")
		}
	}
	reporttest.CheckNoProblems(t, p, "browser")
	reporttest.CheckHarnessCatches(t, ctx, p)
}

// screenshot keeps a full-page PNG in testdata/artifacts (git-ignored).
func screenshot(t *testing.T, ctx context.Context, name string) {
	reporttest.Screenshot(t, ctx, filepath.Join("testdata", "artifacts"), name)
}
