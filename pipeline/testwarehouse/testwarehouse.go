// Package testwarehouse builds published demo-town warehouses for the
// tests of packages that read one (query, export, rollup). It runs the
// real pipeline on the built-in synthetic town.
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
// of children (seed 1, as `dropwatch demo` makes it), built once per
// process and size. Callers must only read it. The files live until
// Cleanup.
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
	cfg := Town(tb, dir, demotown.Options{Seed: 1, Children: children})
	built[children] = cfg.Paths.Warehouse
	return cfg.Paths.Warehouse
}

// Town generates a demo town into dir/inbox and runs the pipeline on it,
// publishing dir/warehouse/dropwatch.duckdb and dir/out. The town's code
// and name in the configuration follow the options. It returns the
// configuration, for Rerun after files are added to the inbox.
func Town(tb testing.TB, dir string, o demotown.Options) pipeline.Config {
	tb.Helper()
	inbox := filepath.Join(dir, "inbox")
	if _, err := demotown.Generate(inbox, o); err != nil {
		tb.Fatalf("generate demo town: %v", err)
	}
	cfg := pipeline.Defaults()
	if o.TownCode != "" {
		cfg.Town.Code = o.TownCode
	}
	if o.TownName != "" {
		cfg.Town.Name = o.TownName
	}
	cfg.Paths.Inbox = inbox
	cfg.Paths.Warehouse = filepath.Join(dir, "warehouse", "dropwatch.duckdb")
	cfg.Paths.Out = filepath.Join(dir, "out")
	Rerun(tb, cfg)
	return cfg
}

// Rerun runs the pipeline again with the configuration.
func Rerun(tb testing.TB, cfg pipeline.Config) {
	tb.Helper()
	r := &pipeline.Run{Config: cfg, SQL: dropwatch.SQL(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := r.Execute(context.Background()); err != nil {
		tb.Fatalf("run the demo town %s: %v", cfg.Town.Code, err)
	}
}

// Main runs a package's tests, removes the warehouses Demo built and
// exits: the whole body of that package's TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// Cleanup removes every warehouse Demo built; Main calls it.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	dirs, built = nil, map[int]string{}
}
