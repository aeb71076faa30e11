package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// csvBenchRows is the size of the roster file of the ingest benchmark.
const csvBenchRows = 1_000_000

var (
	csvBenchOnce sync.Once
	csvBenchFile string
)

// rosterFile writes (once per process) a valid 1,000,000-row roster CSV
// with distinct, checksummed identity numbers.
func rosterFile(b *testing.B) string {
	csvBenchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dropwatch-bench-")
		if err != nil {
			b.Fatal(err)
		}
		csvBenchFile = filepath.Join(dir, "roster.csv")
		if err := writeRoster(csvBenchFile, csvBenchRows); err != nil {
			b.Fatal(err)
		}
	})
	return csvBenchFile
}

func writeRoster(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(rosterHeader)
	for i := 0; i < n; i++ {
		birth := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3000)
		id := withCheck(fmt.Sprintf("430521%s%03d", birth.Format("20060102"), i%1000))
		fmt.Fprintf(w, "2025,1,%d,学生%d,男,%s,%s,%d,%d\n",
			2143052100+i%50, i, birth.Format("2006-01-02"), id, 1+i%9, 1+i%6)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// withCheck appends the GB 11643 MOD 11-2 check character.
func withCheck(s17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s17[i]-'0') * w
	}
	return s17 + string("10X98765432"[sum%11])
}

// BenchmarkIngestCSV compares dropwatch's whole ingest of a 1,000,000-row
// roster (decode, validate every cell, append to raw, in one transaction)
// with DuckDB's own bare load of the same file (CREATE TABLE AS SELECT *
// FROM read_csv), measured in the same run; x-duckdb is the ratio.
// duckdb-raw is no dropwatch path: it times DuckDB loading the file into
// raw.roster itself, the floor of any loader that writes that table.
func BenchmarkIngestCSV(b *testing.B) {
	for _, appender := range []bool{false, true} {
		name := "arrow"
		if appender {
			name = "appender"
		}
		b.Run(name, func(b *testing.B) { benchIngestCSV(b, appender) })
	}
	b.Run("duckdb-raw", benchDuckDBRaw)
}

// BenchmarkReadCSV times the reading side of the same load alone: detect
// the encoding, decode and validate every cell, with no database (rows go
// to a sink that drops them). x-duckdb is against the bare load, timed
// beside it as in BenchmarkIngestCSV.
func BenchmarkReadCSV(b *testing.B) {
	path := rosterFile(b)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var ours, bare time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bare += timeBare(b, path)
		b.StartTimer()
		start := time.Now()
		src, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		layout, err := readHeader(src)
		if err != nil {
			b.Fatal(err)
		}
		var res Result
		if err := appendRows(dropSink{}, src, laneFor(layout, src), layout, &res, now, newMeter(nil, time.Hour, src, "")); err != nil || res.Rows != csvBenchRows {
			b.Fatalf("read: %d rows, %v", res.Rows, err)
		}
		src.Close()
		ours += time.Since(start)
	}
	b.ReportMetric(float64(csvBenchRows)*float64(b.N)/ours.Seconds(), "rows/s")
	b.ReportMetric(ours.Seconds()/bare.Seconds(), "x-duckdb")
}

// dropSink drops what it is given.
type dropSink struct{}

func (dropSink) add(rawRow) error        { return nil }
func (dropSink) problem(cellError) error { return nil }
func (dropSink) close() error            { return nil }

// TestMain removes the benchmark's roster file.
func TestMain(m *testing.M) {
	code := m.Run()
	if csvBenchFile != "" {
		os.RemoveAll(filepath.Dir(csvBenchFile))
	}
	if countyDir != "" {
		os.RemoveAll(countyDir)
	}
	os.Exit(code)
}

func benchIngestCSV(b *testing.B, appender bool) {
	path := rosterFile(b)
	ctx := context.Background()
	var ours, bare time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// The baseline runs right beside each load, so both see the same
		// machine: the ratio holds when other work shares the cores.
		b.StopTimer()
		bare += timeBare(b, path)
		ld, db := benchLoader(b)
		ld.Appender = appender
		b.StartTimer()
		start := time.Now()
		res, err := ld.LoadFile(ctx, path)
		ours += time.Since(start)
		if err != nil || res.Outcome != Loaded || res.Rows != csvBenchRows || res.Quarantined != 0 {
			b.Fatalf("load: %+v %v", res, err)
		}
		b.StopTimer()
		ld.Conn.Close()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(csvBenchRows)*float64(b.N)/ours.Seconds(), "rows/s")
	b.ReportMetric(ours.Seconds()/bare.Seconds(), "x-duckdb")
	b.ReportMetric(csvPeakRSSMB(), "peak-RSS-MB")
}

func benchLoader(b *testing.B) (*Loader, *sql.DB) {
	db, err := sql.Open("duckdb", filepath.Join(b.TempDir(), "w.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if err := EnsureRaw(context.Background(), conn); err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	return &Loader{Conn: conn, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RunID: "b", Now: now}, db
}

// timeBare times DuckDB's own load of the file into a fresh database file.
func timeBare(b *testing.B, path string) time.Duration {
	db, err := sql.Open("duckdb", filepath.Join(b.TempDir(), "bare.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.Exec("CREATE TABLE r AS SELECT * FROM read_csv(" + "'" + path + "'" + ")"); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// benchDuckDBRaw times DuckDB's own load of the roster into its raw part
// (every column text, in one transaction; no validation, no row numbers)
// beside its bare load.
func benchDuckDBRaw(b *testing.B) {
	path := rosterFile(b)
	ctx := context.Background()
	l, err := Recognise(strings.Split(strings.TrimSpace(rosterHeader), ","))
	if err != nil {
		b.Fatal(err)
	}
	p := partOf(l)
	q := `INSERT INTO raw.` + p.name() + ` (_load_id, _ok, ` + strings.Join(p.cols, ", ") + `)
		SELECT 1, true, * FROM read_csv('` + path + `', all_varchar = true)`
	var raw, bare time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bare += timeBare(b, path)
		ld, db := benchLoader(b)
		if _, err := p.ensure(ctx, ld.Conn); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for _, s := range []string{"BEGIN TRANSACTION", q, "COMMIT"} {
			if _, err := ld.Conn.ExecContext(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		raw += time.Since(start)
		b.StopTimer()
		ld.Conn.Close()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(raw.Seconds()/bare.Seconds(), "x-duckdb")
}

func csvPeakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
