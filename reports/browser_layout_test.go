package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
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

// TestBulletinPrint prints the bulletins in print emulation at the width
// of an A4 page's printable area and fails on a table wider than the
// page, a table header that would not repeat, or a missing title block.
func TestBulletinPrint(t *testing.T) {
	p := &reporttest.Problems{}
	ctx := reporttest.Browser(t, p, 60*time.Second)
	dir, site := buildSite(t, newTestDB(t))
	printed := 0
	for _, page := range site.Pages {
		if !strings.HasPrefix(page, "public/bulletin-") && !strings.HasPrefix(page, "public/report-") {
			continue
		}
		printed++
		openDrawn(t, ctx, dir, page, chromedp.EmulateViewport(reporttest.A4Content, 1000),
			printMedia)
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](reporttest.WideTables))
		if err != nil {
			t.Fatalf("tables: %v", err)
		}
		for _, w := range wide {
			t.Errorf("%s printed on A4: %s", page, w)
		}
		if strings.HasPrefix(page, "public/bulletin-") {
			head, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.doc-head').innerText`))
			if err != nil || !strings.Contains(head, "示范镇教育办") || !strings.Contains(head, "印发日期：2025年10月10日") {
				t.Errorf("%s title block %q (err %v), want issuer and date of issue", page, head, err)
			}
		}
		if page == "public/bulletin-2024-2.html" {
			shot(t, ctx, "bulletin-print.png")
		}
	}
	if printed < 3 {
		t.Errorf("printed %d bulletins and reports, want the fixture's 3 bulletins and 1 report", printed)
	}
	reporttest.CheckNoProblems(t, p, "browser")
}

// printMedia makes the tab lay pages out as for printing (@media print).
func printMedia(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	return chromedp.Void{}, err
}

// TestRestrictedListsReadable opens every restricted page at a desktop and
// a phone width and fails when a name breaks over two lines or a column's
// header is aligned unlike its cells; on a phone the tables scroll.
func TestRestrictedListsReadable(t *testing.T) {
	p := &reporttest.Problems{}
	ctx := reporttest.Browser(t, p, 120*time.Second)
	dir, site := buildSite(t, newTestDB(t))
	for _, w := range []int64{1400, 390} {
		for _, page := range site.Pages {
			if !strings.HasPrefix(page, "restricted/") {
				continue
			}
			openDrawn(t, ctx, dir, page, chromedp.EmulateViewport(w, 900))
			for _, check := range []struct{ what, js string }{
				{"name wraps", reporttest.NameCellsWrapped}, {"header alignment", reporttest.HeaderAlignment},
			} {
				bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](check.js))
				if err != nil {
					t.Fatalf("%s: %v", check.what, err)
				}
				for _, b := range bad {
					t.Errorf("%s at %d px: %s: %s", page, w, check.what, b)
				}
			}
		}
	}
	reporttest.CheckNoProblems(t, p, "browser")
}
