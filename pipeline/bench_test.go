package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dropwatch"
	"dropwatch/pipeline/demotown"
	"dropwatch/pipeline/models"
)

// benchSize is one size of the demo town.
type benchSize struct {
	name     string
	children int
}

var allSizes = []benchSize{{"town", 3000}, {"county", 200000}, {"province", 5000000}}

// benchSizes reads DROPWATCH_BENCH_SIZES (e.g. "town,county"); town alone
// by default so a plain go test -bench stays quick.
func benchSizes() []benchSize {
	want := os.Getenv("DROPWATCH_BENCH_SIZES")
	if want == "" {
		want = "town"
	}
	var out []benchSize
	for _, s := range allSizes {
		if strings.Contains(","+want+",", ","+s.name+",") {
			out = append(out, s)
		}
	}
	return out
}

// BenchmarkModels measures one full model build plus the data tests on a
// warehouse holding the demo town (three school years), and reports it as a
// ratio to a baseline measured on the same warehouse in the same run: DuckDB
// copying the raw roster and household tables (CREATE TABLE AS SELECT *).
func BenchmarkModels(b *testing.B) {
	for _, size := range benchSizes() {
		b.Run(size.name, func(b *testing.B) { benchModels(b, size) })
	}
}

func benchModels(b *testing.B, size benchSize) {
	ctx := context.Background()
	root := b.TempDir()
	if _, err := demotown.Generate(filepath.Join(root, "inbox"), demotown.Options{Seed: 1, Children: size.children}); err != nil {
		b.Fatal(err)
	}
	r := testRun(&testing.T{}, root)
	if _, err := r.Execute(ctx); err != nil {
		b.Fatal(err)
	}
	db, err := openDB(r.Config.Paths.Warehouse, r.Config.DuckDB, false)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	p, err := models.Load(dropwatch.SQL())
	if err != nil {
		b.Fatal(err)
	}
	baseline := timeIt(b, func() error {
		_, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE r AS SELECT * FROM raw.roster;
			CREATE OR REPLACE TEMP TABLE h AS SELECT * FROM raw.household`)
		return err
	})
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if err := p.Build(ctx, conn, r.Log); err != nil {
			b.Fatal(err)
		}
		if _, err := p.RunTests(ctx, conn, "bench", time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(size.children)/per.Seconds(), "children/s")
	b.ReportMetric(per.Seconds()/baseline.Seconds(), "x-baseline")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

func timeIt(b *testing.B, f func() error) time.Duration {
	b.Helper()
	start := time.Now()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// peakRSSMB is the peak resident memory of the whole test process so far.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}
