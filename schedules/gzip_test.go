package schedules

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fetch sends a GET with the given Accept-Encoding (set by hand, so the
// client does not decompress on its own) and returns the raw response.
func fetch(t *testing.T, url, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, b
}

// Text assets go out gzip-compressed to browsers that accept it, and the
// bytes decompress to the file; other clients get the file as it is.
func TestHTTPCompressesText(t *testing.T) {
	r, _, _ := testRunner(t, at(2026, 1, 15, 8, 0))
	out := r.Config.Paths.Out
	release(t, out, "r1", "首页 index")
	script := bytes.Repeat([]byte("var chart = echarts.init(document.body); // 图表\n"), 4000)
	must(t, os.WriteFile(filepath.Join(out, "public", "assets", "echarts.min.js"), script, 0o644))
	d := &Daemon{Runner: r, HTTP: "127.0.0.1:0"}
	addr, stop, err := d.startHTTP()
	must(t, err)
	defer stop()
	url := "http://" + addr + "/assets/echarts.min.js"

	resp, body := fetch(t, url, "gzip, deflate")
	if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if len(body) >= len(script)/10 {
		t.Errorf("compressed %d bytes of %d: not compressed", len(body), len(script))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	must(t, err)
	plain, err := io.ReadAll(zr)
	must(t, err)
	if !bytes.Equal(plain, script) {
		t.Errorf("decompressed body differs from the file (%d bytes, want %d)", len(plain), len(script))
	}
	resp, body = fetch(t, url, "")
	if resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, script) {
		t.Errorf("without Accept-Encoding: encoding %q, %d bytes", resp.Header.Get("Content-Encoding"), len(body))
	}
	resp, body = fetch(t, "http://"+addr+"/", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("index page not compressed")
	}
	if zr, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
		t.Errorf("index: %v", err)
	} else if b, _ := io.ReadAll(zr); !strings.Contains(string(b), "首页") {
		t.Errorf("index decompressed to %q", b)
	}
}

// A page that does not exist, or that is refused, answers 404 with a page
// in Chinese leading back to the index.
func TestHTTPNotFoundInChinese(t *testing.T) {
	r, _, _ := testRunner(t, at(2026, 1, 15, 8, 0))
	release(t, r.Config.Paths.Out, "r1", "首页 index")
	d := &Daemon{Runner: r, HTTP: "127.0.0.1:0"}
	addr, stop, err := d.startHTTP()
	must(t, err)
	defer stop()
	for _, p := range []string{"/no-such-school.html", "/restricted/names.html", "/assets/"} {
		code, body := get(t, "GET", "http://"+addr+p)
		if code != http.StatusNotFound || !strings.Contains(body, "页面不存在") || !strings.Contains(body, `href="/"`) {
			t.Errorf("%s: %d %q", p, code, body)
		}
	}
}
