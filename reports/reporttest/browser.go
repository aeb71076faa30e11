// Package reporttest opens report pages in Debian's headless Chromium, cut
// off from the network, and records what they must not do: log errors,
// throw, or reach for anything but a local file. The tests of package
// reports and of the dropwatch command share it; nothing else imports it.
package reporttest

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

// Chromium is Debian's headless browser (apt-get install chromium).
const Chromium = "/usr/bin/chromium"

// ChartsDrawn is true once every .chart holds an SVG or canvas element (a
// page without charts passes at once).
const ChartsDrawn = `Array.from(document.querySelectorAll('.chart')).every(c => c.querySelector('canvas, svg') !== null)`

// ChartsWithoutTable counts the charts not followed by a table with their
// numbers in the same figure or section.
const ChartsWithoutTable = `Array.from(document.querySelectorAll('.chart')).filter(c => {
	let n = c.nextElementSibling;
	while (n && n.tagName !== 'TABLE' && !(n.querySelector && n.querySelector('table'))) n = n.nextElementSibling;
	return !n;
}).length`

// Problems collects console errors, exceptions, error log entries and the
// requests that were blocked.
type Problems struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (p *Problems) add(list *[]string, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	*list = append(*list, s)
}

// Listen is a chromedp listener; it runs in the tab's read loop and only
// records.
func (p *Problems) Listen(ev any) {
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

// Take returns and clears what was recorded.
func (p *Problems) Take() (errs, reqs []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	errs, reqs = p.errors, p.requests
	p.errors, p.requests = nil, nil
	return errs, reqs
}

// Browser starts headless Chromium with a fresh profile, no background
// networking and every request that is not file:// failed and recorded in
// p, for at most timeout. It skips the test when Chromium is not installed,
// unless DROPWATCH_REQUIRE_BROWSER=1 (CI sets it), which fails it instead.
func Browser(t testing.TB, p *Problems, timeout time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(Chromium); err != nil {
		if os.Getenv("DROPWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("DROPWATCH_REQUIRE_BROWSER=1 but %s is missing: %v", Chromium, err)
		}
		t.Skipf("%s not installed (apt-get install chromium); set DROPWATCH_REQUIRE_BROWSER=1 to fail instead", Chromium)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithListener(p.Listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	blockNetwork(t, tab, p)
	return tab
}

// blockNetwork pauses every request of the tab and fails each one whose URL
// is not file://, recording it.
func blockNetwork(t testing.TB, tab context.Context, p *Problems) {
	t.Helper()
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
	_, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	if err != nil {
		t.Fatalf("enable request interception: %v", err)
	}
}

// CheckNoProblems lets late events arrive, then fails on any recorded one,
// naming where (a page, or "browser").
func CheckNoProblems(t testing.TB, p *Problems, where string) {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	errs, reqs := p.Take()
	for _, e := range errs {
		t.Errorf("%s: %s", where, e)
	}
	for _, u := range reqs {
		t.Errorf("%s tried to load off-machine URL %s", where, u)
	}
}

// CheckHarnessCatches opens a page that misbehaves on purpose and requires
// the listener and the network block to notice, so a clean run means
// something. Call it last: it clears p.
func CheckHarnessCatches(t testing.TB, tab context.Context, p *Problems) {
	t.Helper()
	bad := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html><head><script src="https://blocked.invalid/x.js"></script></head>` +
		`<body><script>console.error("harness-console"); throw new Error("harness-throw");</script></body></html>`
	if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(bad))); err != nil {
		t.Fatalf("open bad page: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	errs, reqs := p.Take()
	got := strings.Join(errs, "\n")
	for _, want := range []string{"harness-console", "harness-throw"} {
		if !strings.Contains(got, want) {
			t.Errorf("listener missed %q; recorded:\n%s", want, got)
		}
	}
	if len(reqs) != 1 || !strings.Contains(reqs[0], "blocked.invalid") {
		t.Errorf("network block recorded %q, want the one blocked.invalid request", reqs)
	}
}

// Screenshot writes a full-page PNG of the tab to dir/name.
func Screenshot(t testing.TB, tab context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts dir: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}
