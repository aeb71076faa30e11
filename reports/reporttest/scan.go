package reporttest

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// urlAttr finds the value of every href and src attribute.
var urlAttr = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*["']([^"']*)["']`)

// offMachine are spellings by which a page would reach beyond its folder.
var offMachine = []string{"http://", "https://", "url(", `="//`}

// CheckPage requires the page (its path under dir is tier/..., its text
// html) to hold no absolute or protocol-relative URL, and every href and
// src to be a relative path (or a #fragment) that stays inside the tier
// and names a file that exists. It returns how many URLs the page has.
func CheckPage(t testing.TB, dir, page, html string) int {
	t.Helper()
	for _, bad := range offMachine {
		if strings.Contains(html, bad) {
			t.Errorf("%s contains %q", page, bad)
		}
	}
	urls := urlAttr.FindAllStringSubmatch(html, -1)
	for _, m := range urls {
		checkRelativeURL(t, dir, page, m[1])
	}
	return len(urls)
}

func checkRelativeURL(t testing.TB, dir, page, u string) {
	t.Helper()
	if strings.HasPrefix(u, "#") {
		return
	}
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "\\") || strings.Contains(u, ":") {
		t.Errorf("%s: URL %q is not relative", page, u)
		return
	}
	target := path.Join(path.Dir(page), u)
	tier := strings.SplitN(page, "/", 2)[0]
	if !strings.HasPrefix(target, tier+"/") {
		t.Errorf("%s: URL %q leaves its tier", page, u)
		return
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
		t.Errorf("%s: URL %q names no written file: %v", page, u, err)
	}
}
