package schedules

import (
	"compress/gzip"
	"net/http"
	"strings"
)

// compressible reports whether a response of this content type is worth
// compressing: the pages, the stylesheet and the chart script are text
// (the ECharts script is 1 MB raw and a quarter of that compressed).
func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	switch strings.TrimSpace(ct) {
	case "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
		"application/json", "image/svg+xml":
		return true
	}
	return false
}

// acceptsGzip reports whether the client takes gzip and the request is not
// for a byte range (a range of a compressed body would be a different
// range than the client asked for).
func acceptsGzip(req *http.Request) bool {
	if req.Header.Get("Range") != "" {
		return false
	}
	for _, enc := range strings.Split(req.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(enc), ";")
		if strings.TrimSpace(name) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// gzipWriter compresses a successful text response on its way out and
// passes everything else through unchanged.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	started bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.started {
		return
	}
	g.started = true
	h := g.Header()
	h.Add("Vary", "Accept-Encoding")
	if code == http.StatusOK && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		g.gz = gzip.NewWriter(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.started {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// close flushes the compressed stream, if one was started.
func (g *gzipWriter) close() error {
	if g.gz == nil {
		return nil
	}
	return g.gz.Close()
}

// withGzip serves h's responses gzip-compressed to clients that accept it.
func withGzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !acceptsGzip(req) {
			h.ServeHTTP(w, req)
			return
		}
		g := &gzipWriter{ResponseWriter: w}
		defer g.close()
		h.ServeHTTP(g, req)
	})
}
