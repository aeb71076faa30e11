package reports

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBuildWarehouse measures Build on the warehouse named by
// DROPWATCH_BENCH_WAREHOUSE (a published dropwatch.duckdb, opened
// read-only, e.g. a county-size demo's), or on the fixture town when it is
// unset. Its baseline, measured in the same run, is the site's queries
// alone (loadSite: every loader, nothing rendered): x-queries is a build
// over its queries, so what rendering adds shows apart from the machine's
// speed. It also reports the CPU time of a build (above s/op when the
// workers run in parallel) and the files written. It asserts no time.
func BenchmarkBuildWarehouse(b *testing.B) {
	db := benchWarehouse(b)
	ctx := context.Background()
	var queries, cpu time.Duration
	var site *Site
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "site")
		c0 := cpuTime(b)
		var err error
		if site, err = Build(ctx, db, dir, testOptions); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime(b) - c0
		b.StopTimer()
		start := time.Now()
		if _, err := loadSite(ctx, db, testOptions); err != nil {
			b.Fatal(err)
		}
		queries += time.Since(start)
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(queries.Seconds()/n, "queries-s/op")
	b.ReportMetric(b.Elapsed().Seconds()/queries.Seconds(), "x-queries")
	b.ReportMetric(cpu.Seconds()/n, "cpu-s/op")
	b.ReportMetric(float64(len(site.Pages)), "pages")
	b.ReportMetric(float64(len(site.Workbooks)), "workbooks")
}

// benchWarehouse opens DROPWATCH_BENCH_WAREHOUSE read-only, or the
// fixture town.
func benchWarehouse(b *testing.B) *sql.DB {
	path := os.Getenv("DROPWATCH_BENCH_WAREHOUSE")
	if path == "" {
		return newTestDB(b)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuildWarehouseReuse measures, on the same warehouse as
// BenchmarkBuildWarehouse, builds whose Options.Previous is an earlier
// build of the same data against a fresh build, the three alternating in
// one loop so the machine's load falls on all alike: "reuse" on the same
// day (every reusable workbook hard-linked, not made) and "nextday" a day
// later (the restricted lists, which print their day of issue, made
// again: a nightly run's case when its data did not change). It reports
// each one's wall and CPU time per build, their wall time over the fresh
// build's (reuse-x-fresh, nextday-x-fresh) and the workbooks reused of
// all by the same-day build. It asserts no time.
func BenchmarkBuildWarehouseReuse(b *testing.B) {
	db := benchWarehouse(b)
	ctx := context.Background()
	opt := testOptions
	opt.Program = "bench"
	base := filepath.Join(b.TempDir(), "base")
	if _, err := Build(ctx, db, base, opt); err != nil {
		b.Fatal(err)
	}
	legs := []string{"fresh", "reuse", "nextday"}
	var wall, cpu [3]time.Duration
	var site *Site
	for b.Loop() {
		for i := range legs {
			dir := filepath.Join(b.TempDir(), "site")
			o := opt
			if i > 0 {
				o.Previous = base
			}
			if i == 2 {
				o.Generated = o.Generated.AddDate(0, 0, 1)
			}
			c0, t0 := cpuTime(b), time.Now()
			s, err := Build(ctx, db, dir, o)
			if err != nil {
				b.Fatal(err)
			}
			wall[i] += time.Since(t0)
			cpu[i] += cpuTime(b) - c0
			if i == 1 {
				site = s
			}
			if err := os.RemoveAll(dir); err != nil {
				b.Fatal(err)
			}
		}
	}
	n := float64(b.N)
	for i, l := range legs {
		b.ReportMetric(wall[i].Seconds()/n, l+"-s/op")
		b.ReportMetric(cpu[i].Seconds()/n, l+"-cpu-s/op")
		if i > 0 {
			b.ReportMetric(wall[i].Seconds()/wall[0].Seconds(), l+"-x-fresh")
		}
	}
	b.ReportMetric(float64(len(site.Reused)), "reused")
	b.ReportMetric(float64(len(site.Workbooks)), "workbooks")
}
