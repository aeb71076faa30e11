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
