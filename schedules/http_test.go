package schedules

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// release writes a published site like pipeline.Site does: out/public and
// out/restricted link through .releases/current.
func release(t *testing.T, out, id, page string) {
	t.Helper()
	rel := filepath.Join(out, ".releases", id)
	must(t, os.MkdirAll(filepath.Join(rel, "public", "assets"), 0o755))
	must(t, os.MkdirAll(filepath.Join(rel, "restricted"), 0o700))
	must(t, os.WriteFile(filepath.Join(rel, "public", "index.html"), []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(rel, "public", "assets", "style.css"), []byte("body{}"), 0o644))
	must(t, os.WriteFile(filepath.Join(rel, "restricted", "names.html"), []byte("名单 secret"), 0o600))
	must(t, os.Symlink("../restricted", filepath.Join(rel, "public", "leak")))
	next := filepath.Join(out, ".releases", "current.next")
	must(t, os.Symlink(id, next))
	must(t, os.Rename(next, filepath.Join(out, ".releases", "current")))
	for _, tier := range []string{"public", "restricted"} {
		os.Symlink(filepath.Join(".releases", "current", tier), filepath.Join(out, tier))
	}
}

func get(t *testing.T, method, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The daemon serves out/public read-only on 127.0.0.1, follows each
// publish, and never serves the restricted tier.
func TestHTTPServesPublicOnly(t *testing.T) {
	r, _, _ := testRunner(t, at(2026, 1, 15, 8, 0))
	out := r.Config.Paths.Out
	d := &Daemon{Runner: r, HTTP: "127.0.0.1:0"}
	addr, stop, err := d.startHTTP()
	must(t, err)
	defer stop()
	base := "http://" + addr
	if code, _ := get(t, "GET", base+"/"); code != http.StatusServiceUnavailable {
		t.Errorf("before the first publish: %d", code)
	}
	release(t, out, "r1", "第一版 first")
	if code, body := get(t, "GET", base+"/"); code != 200 || !strings.Contains(body, "第一版") {
		t.Errorf("index: %d %q", code, body)
	}
	if code, _ := get(t, "GET", base+"/assets/style.css"); code != 200 {
		t.Errorf("asset: %d", code)
	}
	for _, p := range []string{"/restricted/names.html", "/../restricted/names.html", "/%2e%2e/restricted/names.html",
		"/leak/names.html", "/.releases/current/restricted/names.html", "/assets/", "/RESTRICTED/names.html"} {
		if code, body := get(t, "GET", base+p); code == 200 || strings.Contains(body, "secret") {
			t.Errorf("%s: %d %q", p, code, body)
		}
	}
	if code, _ := get(t, "POST", base+"/index.html"); code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", code)
	}
	release(t, out, "r2", "第二版 second")
	if _, body := get(t, "GET", base+"/"); !strings.Contains(body, "第二版") {
		t.Errorf("after a publish: %q", body)
	}
}
