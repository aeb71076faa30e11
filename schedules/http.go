package schedules

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// PublicHandler serves the public tier, read-only: GET and HEAD only, no
// directory listings, nothing whose path names the restricted tier or a
// hidden file, and nothing outside public/ (symbolic links that lead out
// are refused). public is opened afresh for each request, so a publish
// switches what is served at once.
func PublicHandler(public string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "只读 / read-only", http.StatusMethodNotAllowed)
			return
		}
		if refused(req.URL.Path) {
			notFound(w)
			return
		}
		root, err := os.OpenRoot(public)
		if err != nil {
			http.Error(w, "报表尚未发布 / no report published yet", http.StatusServiceUnavailable)
			return
		}
		defer root.Close()
		fsys := publicFS{root.FS()}
		if _, err := fs.Stat(fsys, fsName(req.URL.Path)); err != nil {
			notFound(w)
			return
		}
		withGzip(http.FileServerFS(fsys)).ServeHTTP(w, req)
	})
}

// fsName is the file-system name of a request path ("." for the root).
func fsName(p string) string {
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		return "."
	}
	return name
}

// notFoundPage is what a leader sees for a mistyped or outdated address.
const notFoundPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; margin: 3em auto; max-width: 40em; line-height: 1.6">
<h1>页面不存在</h1>
<p>您要打开的报表页面不存在，可能是地址输入有误，或该页面已在最近一次发布中更新。</p>
<p><a href="/">返回报表首页</a></p>
</body></html>
`

// notFound answers 404 with a page in Chinese that leads back to the index.
func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, notFoundPage)
}

// refused reports whether a request path names the restricted tier or a
// hidden file (such as .releases).
func refused(p string) bool {
	for _, part := range strings.Split(path.Clean("/"+p), "/") {
		if strings.HasPrefix(part, ".") || strings.EqualFold(part, "restricted") {
			return true
		}
	}
	return false
}

// publicFS hides refused names and folders without an index page.
type publicFS struct{ fsys fs.FS }

func (p publicFS) Open(name string) (fs.File, error) {
	if name != "." && refused(name) {
		return nil, fs.ErrNotExist
	}
	f, err := p.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil || !fi.IsDir() {
		return f, err
	}
	if _, err := fs.Stat(p.fsys, path.Join(name, "index.html")); err != nil {
		f.Close()
		return nil, fs.ErrNotExist // no listings
	}
	return f, nil
}

// startHTTP serves out/public on the daemon's address, if it has one, and
// returns the address it listens on.
func (d *Daemon) startHTTP() (addr string, stop func(), err error) {
	if d.HTTP == "" {
		return "", func() {}, nil
	}
	ln, err := net.Listen("tcp", d.HTTP)
	if err != nil {
		return "", nil, fmt.Errorf("listen on %s: %w", d.HTTP, err)
	}
	public := filepath.Join(d.Runner.Config.Paths.Out, "public")
	srv := &http.Server{
		Handler:           PublicHandler(public),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.Runner.Log.Error("http server", "err", err)
		}
	}()
	d.Runner.Log.Info("http", "addr", ln.Addr().String(), "serving", public)
	return ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}
