package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
)

// BenchmarkIncremental measures issue 18's incremental run: a warehouse
// holding six terms (three school years) receives the files a new term
// brings (the next year's term-1 roster, household extract, migration and
// disability census), and the run that loads them is timed against a full
// rebuild of the same seven terms into an empty warehouse. The two
// alternate, b.N times each, on the same files, for each size of
// DROPWATCH_BENCH_SIZES (town by default).
//
//	DROPWATCH_BENCH_SIZES=town,county go test -tags duckdb_arrow -run '^$' \
//	    -bench BenchmarkIncremental -benchtime 1x -timeout 60m ./cmd/dropwatch/
func BenchmarkIncremental(b *testing.B) {
	for _, size := range wantedScaleSizes() {
		b.Run(size.name, func(b *testing.B) { benchIncremental(b, size) })
	}
}

func benchIncremental(b *testing.B, size scaleSize) {
	root := b.TempDir()
	m, err := demotown.Generate(filepath.Join(root, "gen"), demotown.Options{Seed: 1, Children: size.children, Years: 4})
	if err != nil {
		b.Fatal(err)
	}
	old, fresh, _ := m.Arrivals("2026") // the year's later files stay out
	if len(fresh) == 0 || len(old) == 0 {
		b.Fatalf("no new-term files among %d", len(m.Files))
	}
	base := incConfig(root, "base")
	linkFiles(b, root, base.Paths.Inbox, old)
	incRun(b, base) // the warehouse with six terms: not timed
	b.ResetTimer()
	var inc, full time.Duration
	var scoped int
	for i := 0; i < b.N; i++ {
		c := incConfig(root, "inc")
		os.RemoveAll(filepath.Dir(c.Paths.Warehouse))
		copyWarehouse(b, base.Paths.Warehouse, c.Paths.Warehouse)
		linkFiles(b, root, c.Paths.Inbox, append(append([]string(nil), old...), fresh...))
		took, n := incRun(b, c)
		inc, scoped = inc+took, n
		f := incConfig(root, "full")
		os.RemoveAll(filepath.Dir(f.Paths.Warehouse))
		linkFiles(b, root, f.Paths.Inbox, append(append([]string(nil), old...), fresh...))
		took, _ = incRun(b, f)
		full += took
	}
	n := float64(b.N)
	b.ReportMetric(inc.Seconds()/n, "incremental-s")
	b.ReportMetric(full.Seconds()/n, "full-s")
	b.ReportMetric(inc.Seconds()/full.Seconds(), "x-full-rebuild")
	b.Logf("%s: %d old files, %d new-term files; one new term %.1f s (%d models rebuilt for some years only), full rebuild %.1f s, ratio %.2f (target ≤ 0.33)",
		size.name, len(old), len(fresh), inc.Seconds()/n, scoped, full.Seconds()/n, inc.Seconds()/full.Seconds())
	if scoped == 0 {
		b.Error("the run after the new term rebuilt every model whole: the incremental build did not take")
	}
}

func incConfig(root, name string) pipeline.Config {
	c := pipeline.Defaults()
	c.Paths.Inbox = filepath.Join(root, name, "inbox")
	c.Paths.Warehouse = filepath.Join(root, name, "warehouse", "dw.duckdb")
	c.Paths.Out = filepath.Join(root, name, "out")
	return c
}

// linkFiles makes an inbox of the generated files named (hard links).
func linkFiles(b *testing.B, root, inbox string, names []string) {
	os.RemoveAll(inbox)
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, n := range names {
		if err := os.Link(filepath.Join(root, "gen", n), filepath.Join(inbox, n)); err != nil {
			b.Fatal(err)
		}
	}
}

// copyWarehouse copies a published warehouse (and its seal) to dst.
func copyWarehouse(b *testing.B, src, dst string) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		b.Fatal(err)
	}
	for _, suffix := range []string{"", ".seal"} {
		in, err := os.Open(src + suffix)
		if err != nil {
			continue
		}
		out, err := os.Create(dst + suffix)
		if err == nil {
			_, err = io.Copy(out, in)
			out.Close()
		}
		in.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// incRun runs the pipeline in this process and returns its wall time and
// how many models it rebuilt for some years only.
func incRun(b *testing.B, c pipeline.Config) (time.Duration, int) {
	var events bytes.Buffer
	start := time.Now()
	if _, err := execute(context.Background(), c, newLogger(io.Discard, false), io.Discard, &events, false); err != nil {
		b.Fatalf("run %s: %v", c.Paths.Inbox, err)
	}
	return time.Since(start), strings.Count(events.String(), `"built":"years `)
}
