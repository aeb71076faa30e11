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
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const rptChromium = "/usr/bin/chromium"

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

// rptProblems collects console errors, exceptions and network attempts.
type rptProblems struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (p *rptProblems) add(list *[]string, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	*list = append(*list, s)
}

func (p *rptProblems) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.add(&p.errors, "console.error: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		p.add(&p.errors, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p.add(&p.errors, "log error: "+ev.Entry.Text+" ("+ev.Entry.URL+")")
		}
	}
}

// take returns and clears what was recorded.
func (p *rptProblems) take() (errs, reqs []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	errs, reqs = p.errors, p.requests
	p.errors, p.requests = nil, nil
	return errs, reqs
}

// rptBrowser starts headless Chromium with a fresh profile and every
// non-file request failed, or skips when Chromium is not installed.
func rptBrowser(t *testing.T, p *rptProblems) context.Context {
	if _, err := os.Stat(rptChromium); err != nil {
		if os.Getenv("DROPWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("DROPWATCH_REQUIRE_BROWSER=1 but %s is missing: %v", rptChromium, err)
		}
		t.Skipf("%s not installed (apt-get install chromium)", rptChromium)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(rptChromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithListener(p.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.Request.URL, "file://") {
				_, _ = chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			p.add(&p.requests, ev.Request.URL)
			_, _ = chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{
				RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatalf("enable request interception: %v", err)
	}
	return tab
}

// rptChartsDrawn is true once every chart container holds an svg or canvas.
const rptChartsDrawn = `Array.from(document.querySelectorAll('.chart')).every(c => c.querySelector('canvas, svg') !== null)`

// rptChartsBare counts the charts with no table after them in their box.
const rptChartsBare = `Array.from(document.querySelectorAll('.chart')).filter(c => {
	let n = c.nextElementSibling;
	while (n && n.tagName !== 'TABLE' && !(n.querySelector && n.querySelector('table'))) n = n.nextElementSibling;
	return !n;
}).length`

// rptCheckBrowser opens every page: no console error, no request off the
// machine, every chart drawn and followed by its table. The dashboard's
// screenshot is kept in reports/testdata/artifacts (git-ignored).
func rptCheckBrowser(t *testing.T, out string, pages []string) {
	p := &rptProblems{}
	ctx := rptBrowser(t, p)
	charts := 0
	for _, page := range pages {
		u := "file://" + filepath.ToSlash(filepath.Join(out, page))
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
			t.Errorf("open %s: %v", page, err)
			continue
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](rptChartsDrawn, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Errorf("%s: charts not drawn: %v", page, err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart').length`))
		if err != nil {
			t.Errorf("%s: %v", page, err)
		}
		charts += n
		if bare, err := chromedp.Run(ctx, chromedp.Evaluate[int](rptChartsBare)); err != nil || bare != 0 {
			t.Errorf("%s: %d charts without their table (%v)", page, bare, err)
		}
		if page == "public/index.html" {
			rptScreenshot(t, ctx, "demo-dashboard.png")
		}
		errs, reqs := p.take()
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
	time.Sleep(300 * time.Millisecond)
	if errs, reqs := p.take(); len(errs)+len(reqs) > 0 {
		t.Errorf("late problems: %q %q", errs, reqs)
	}
}

// rptScreenshot writes a full-page PNG to reports/testdata/artifacts/name.
func rptScreenshot(t *testing.T, ctx context.Context, name string) {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := filepath.Join("..", "..", "reports", "testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
