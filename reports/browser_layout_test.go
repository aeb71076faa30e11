package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dropwatch/reports/reporttest"
)

// TestChartsReadable opens the index and a school page at a desktop width
// (1400 px) and a phone width (390 px) and fails when chart texts overlap
// or leave their chart, when a status cell is coloured unlike its legend
// chip, and when any public page shows Latin words beyond
// reporttest.AllowedLatin.
func TestChartsReadable(t *testing.T) {
	p := &reporttest.Problems{}
	ctx := reporttest.Browser(t, p, 90*time.Second)
	dir, site := buildSite(t, newTestDB(t))
	pages := []string{"public/index.html", "public/schools/2144000005.html"}
	for _, w := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1400, 900, false}, {"phone", 390, 844, true}} {
		for _, page := range pages {
			vp := []chromedp.EmulateViewportOption{}
			if w.mobile {
				vp = append(vp, chromedp.EmulateMobile)
			}
			openDrawn(t, ctx, dir, page, chromedp.EmulateViewport(w.width, w.height, vp...))
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](reporttest.ChartTextCount))
			if err != nil || n < 10 {
				t.Errorf("%s at %s: %d chart texts (err %v), want the charts drawn", page, w.name, n, err)
			}
			clashes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](reporttest.ChartTextClashes))
			if err != nil {
				t.Fatalf("chart texts: %v", err)
			}
			for _, c := range clashes {
				t.Errorf("%s at %s px: %s", page, w.name, c)
			}
			colours, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](reporttest.StatusColours))
			if err != nil {
				t.Fatalf("status colours: %v", err)
			}
			for _, c := range colours {
				t.Errorf("%s: status cell %s", page, c)
			}
			shot(t, ctx, w.name+"-"+strings.ReplaceAll(filepath.Base(page), ".html", ".png"))
		}
	}
	for _, page := range site.Pages {
		if !strings.HasPrefix(page, "public/") {
			continue
		}
		openDrawn(t, ctx, dir, page, chromedp.EmulateViewport(1400, 900))
		words, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](reporttest.LatinWords))
		if err != nil {
			t.Fatalf("latin words: %v", err)
		}
		for _, w := range words {
			if !reporttest.AllowedLatin[strings.SplitN(w, " ", 2)[0]] {
				t.Errorf("%s shows English: %s", page, w)
			}
		}
	}
	reporttest.CheckNoProblems(t, p, "browser")
}

// openDrawn opens a page of the built site and waits for its charts.
func openDrawn(t *testing.T, ctx context.Context, dir, page string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	u := "file://" + filepath.ToSlash(filepath.Join(dir, page))
	if err := chromedp.Do(ctx, append(actions, chromedp.Navigate(u))...); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](reporttest.ChartsDrawn, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("%s: charts not drawn: %v", page, err)
	}
}

// shot keeps a screenshot in testdata/artifacts, and in DROPWATCH_SHOTS
// when set (the screenshots a reviewer looks at).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	screenshot(t, ctx, name)
	if d := os.Getenv("DROPWATCH_SHOTS"); d != "" {
		reporttest.Screenshot(t, ctx, d, name)
	}
}
