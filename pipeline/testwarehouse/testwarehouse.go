// Package testwarehouse builds a published demo-town warehouse for the
// tests of packages that read one (query, export). It runs the real
// pipeline on the built-in synthetic town, once per process and size.
package testwarehouse

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"dropwatch"
	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
)

var (
	mu    sync.Mutex
	built = map[int]string{}
	dirs  []string
)

// Demo returns the published warehouse of a demo town of the given number
// of children (seed 1, as `dropwatch demo` makes it). Callers must only
// read it. The files live until Cleanup.
func Demo(tb testing.TB, children int) string {
	tb.Helper()
	mu.Lock()
	defer mu.Unlock()
	if p, ok := built[children]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "dropwatch-testwh-")
	if err != nil {
		tb.Fatal(err)
	}
	dirs = append(dirs, dir)
	inbox := filepath.Join(dir, "inbox")
	if _, err := demotown.Generate(inbox, demotown.Options{Seed: 1, Children: children}); err != nil {
		tb.Fatalf("generate demo town: %v", err)
	}
	cfg := pipeline.Defaults()
	cfg.Paths.Inbox = inbox
	cfg.Paths.Warehouse = filepath.Join(dir, "warehouse", "dropwatch.duckdb")
	cfg.Paths.Out = filepath.Join(dir, "out")
	r := &pipeline.Run{Config: cfg, SQL: dropwatch.SQL(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	res, err := r.Execute(context.Background())
	if err != nil {
		tb.Fatalf("run the demo town: %v", err)
	}
	built[children] = res.Warehouse
	return res.Warehouse
}

// Cleanup removes every warehouse built; call it from TestMain.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	dirs, built = nil, map[int]string{}
}
