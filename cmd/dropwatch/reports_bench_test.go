package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch/reports"
)

// BenchmarkBuild measures reports.Build alone on the demo warehouse of each
// size in DROPWATCH_BENCH_SIZES ("town" by default; "county" is about
// 200,000 children) and reports the public site's size. At county size the
// targets are under 10 s (reported) and under 5 MB (checked).
func BenchmarkBuild(b *testing.B) {
	want := os.Getenv("DROPWATCH_BENCH_SIZES")
	if want == "" {
		want = "town"
	}
	for _, size := range []struct {
		name     string
		children int
	}{{"town", 3000}, {"county", 200000}, {"province", 5000000}} {
		if !strings.Contains(","+want+",", ","+size.name+",") {
			continue
		}
		b.Run(size.name, func(b *testing.B) {
			dir := rptDemo(b, size.children)
			db, err := sql.Open("duckdb", filepath.Join(dir, "warehouse", "dropwatch.duckdb")+"?access_mode=READ_ONLY")
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			opt := reports.Options{TownName: "示范镇", TownCode: "430521101", RunID: "bench", Generated: time.Now()}
			var site string
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				site = filepath.Join(b.TempDir(), "site")
				if _, err := reports.Build(context.Background(), db, site, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			pub, pages := rptSize(b, filepath.Join(site, "public"))
			per := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(pub)/1e6, "public-MB")
			b.ReportMetric(float64(pages), "public-files")
			// The size is a property of the output and is checked; the
			// time depends on the machine and is reported against its
			// target, never asserted.
			if size.name == "county" && pub > 5_000_000 {
				b.Errorf("county public site %d bytes: over 5 MB", pub)
			}
			b.Logf("%s: build %v (county target: under 10 s), public site %.1f MB", size.name, per, float64(pub)/1e6)
		})
	}
}

// rptSize sums the bytes and counts the files under root.
func rptSize(b *testing.B, root string) (int64, int) {
	var total int64
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		n++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return total, n
}
