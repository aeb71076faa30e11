package reports

import (
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

const chromiumPath = "/usr/bin/chromium"

// pageProblems collects what a page must not do: log errors, throw, or try
// to reach the network.
type pageProblems struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (p *pageProblems) addError(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errors = append(p.errors, fmt.Sprintf(format, args...))
}

func (p *pageProblems) addRequest(url string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = append(p.requests, url)
}

// listen is a chromedp listener; it runs in the tab's read loop and only
// records.
func (p *pageProblems) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.addError("console.error: %s", strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		p.addError("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p.addError("log error: %s (%s)", ev.Entry.Text, ev.Entry.URL)
		}
	}
}

// newBrowser starts Debian's chromium headless with a fresh profile and no
// background networking, or skips the test when it is not installed.
func newBrowser(t *testing.T, p *pageProblems) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("DROPWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("DROPWATCH_REQUIRE_BROWSER=1 but %s is missing: %v", chromiumPath, err)
		}
		t.Skipf("%s not installed (apt-get install chromium); set DROPWATCH_REQUIRE_BROWSER=1 to fail instead", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(p.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	blockNetwork(t, tabCtx, p)
	return tabCtx
}

// blockNetwork pauses every request of the tab and fails each one whose URL
// is not file://, recording it.
func blockNetwork(t *testing.T, ctx context.Context, p *pageProblems) {
	t.Helper()
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.Request.URL, "file://") {
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			p.addRequest(ev.Request.URL)
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{
				RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*"}},
	})
	if err != nil {
		t.Fatalf("enable request interception: %v", err)
	}
}

// chartsDrawn is true once every .chart holds an SVG or canvas element (a
// page without charts passes at once).
const chartsDrawn = `(() => {
	const charts = Array.from(document.querySelectorAll('.chart'));
	return charts.every(c => c.querySelector('canvas, svg') !== null);
})()`

// chartsWithoutTable counts the charts not followed by a table with their
// numbers in the same figure or section.
const chartsWithoutTable = `Array.from(document.querySelectorAll('.chart')).filter(c => {
	let n = c.nextElementSibling;
	while (n && n.tagName !== 'TABLE' && !(n.querySelector && n.querySelector('table'))) n = n.nextElementSibling;
	return !n;
}).length`

func TestDashboardInBrowser(t *testing.T) {
	p := &pageProblems{}
	ctx := newBrowser(t, p)
	dir, site := buildSite(t, newTestDB(t))
	url := "file://" + filepath.ToSlash(filepath.Join(dir, "public", "index.html"))

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url)); err != nil {
		t.Fatalf("open dashboard: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](chartsDrawn, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("charts not drawn: %v", err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart svg').length`))
	if err != nil || n != 8 {
		t.Errorf("drawn charts on page = %d (err %v), want 8", n, err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](chartsWithoutTable)); err != nil || n != 0 {
		t.Errorf("%d charts without a table (err %v)", n, err)
	}
	saveScreenshot(t, ctx, "dashboard.png")

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
	saveScreenshot(t, ctx, "dashboard-phone.png")

	for _, page := range site.Pages[1:] {
		u := "file://" + filepath.ToSlash(filepath.Join(dir, page))
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
			t.Errorf("open %s: %v", page, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](chartsDrawn, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("%s: charts not drawn: %v", page, err)
		}
		switch page {
		case "public/schools/2144000001.html":
			saveScreenshot(t, ctx, "school.png")
		case "public/villages/441302101201.html":
			saveScreenshot(t, ctx, "village.png")
		case "public/bulletin-2024-2.html":
			saveScreenshot(t, ctx, "bulletin.png")
		case "restricted/villages/441302101201.html":
			saveScreenshot(t, ctx, "restricted-village.png")
		}
	}
	checkNoProblems(t, p)
	checkHarnessCatches(t, ctx, p)
}

// checkHarnessCatches opens a page that misbehaves on purpose and requires
// the listeners and the network block to notice, so a clean run above means
// something.
func checkHarnessCatches(t *testing.T, ctx context.Context, p *pageProblems) {
	t.Helper()
	bad := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html><head><script src="https://blocked.invalid/x.js"></script></head>` +
		`<body><script>console.error("harness-console"); throw new Error("harness-throw");</script></body></html>`
	if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(bad))); err != nil {
		t.Fatalf("open bad page: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	got := strings.Join(p.errors, "\n")
	for _, want := range []string{"harness-console", "harness-throw"} {
		if !strings.Contains(got, want) {
			t.Errorf("listener missed %q; recorded:\n%s", want, got)
		}
	}
	if len(p.requests) != 1 || !strings.Contains(p.requests[0], "blocked.invalid") {
		t.Errorf("network block recorded %q, want the one blocked.invalid request", p.requests)
	}
}

// checkNoProblems lets late events arrive, then fails on any recorded one.
func checkNoProblems(t *testing.T, p *pageProblems) {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errors {
		t.Errorf("browser: %s", e)
	}
	for _, u := range p.requests {
		t.Errorf("page tried to load off-machine URL %s", u)
	}
}

// saveScreenshot writes a full-page PNG to testdata/artifacts/name.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatalf("artifacts dir: %v", err)
	}
	if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}
