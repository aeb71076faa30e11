package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dropwatch/pipeline/demotown"
)

var (
	countyOnce  sync.Once
	countyDir   string
	countyFiles map[string][]countyFile

	attStripOnce sync.Once
	attStripFile string
)

// countyFile is one file of the generated county year and its rows.
type countyFile struct {
	path string
	rows int
}

// countyYear writes (once per process) the demo town's county-size inbox
// for one school year and returns its files by kind: the files
// BenchmarkScale's floor reads.
func countyYear(b *testing.B) map[string][]countyFile {
	countyOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dropwatch-bench-att-")
		if err != nil {
			b.Fatal(err)
		}
		countyDir = dir
		m, err := demotown.Generate(dir, demotown.Options{Seed: 1, Children: 200_000, Years: 1})
		if err != nil {
			b.Fatal(err)
		}
		countyFiles = map[string][]countyFile{}
		for _, f := range m.Files {
			countyFiles[f.Kind] = append(countyFiles[f.Kind], countyFile{filepath.Join(dir, f.Name), f.Rows})
		}
	})
	return countyFiles
}

// attendanceFile returns the county year's town-wide 月考勤 CSV, about a
// million rows, and its rows.
func attendanceFile(b *testing.B) (string, int) {
	fs := countyYear(b)["attendance"]
	if len(fs) == 0 {
		b.Fatal("the demo town wrote no attendance file")
	}
	return fs[0].path, fs[0].rows
}

// BenchmarkIngestAttendance compares dropwatch's whole ingest of the demo
// town's monthly attendance at county size with DuckDB's bare load of the
// same file, both timed in the same run: x-duckdb is the wall ratio,
// x-duckdb-cpu the ratio of the process's CPU time (DuckDB's bare load
// runs in this process too). read is the reading side alone (decode and
// validate, no database) against the same bare load.
//
// read-alone and load-alone are read and load without the bare load, for
// comparing two builds by ns/op and cpu-s/op.
//
// load-no-serial loads a copy of the file without its 序号 column (the
// one column the kind does not know, kept per row in _extra) against the
// bare load of the file as generated: the difference from load is what
// _extra costs.
func BenchmarkIngestAttendance(b *testing.B) {
	b.Run("load", func(b *testing.B) { benchAttendance(b, true, false) })
	b.Run("load-no-serial", func(b *testing.B) { benchAttendance(b, true, true) })
	b.Run("read", func(b *testing.B) { benchAttendance(b, false, false) })
	b.Run("read-no-serial", func(b *testing.B) { benchAttendance(b, false, true) })
	b.Run("read-alone", func(b *testing.B) { benchAlone(b, false) })
	b.Run("load-alone", func(b *testing.B) { benchAlone(b, true) })
}

// benchAlone reads (or loads) the file without DuckDB's bare load in the
// same iteration: its ns/op and cpu-s/op are dropwatch's own cost,
// steadier than a ratio when comparing two builds.
func benchAlone(b *testing.B, load bool) {
	path, rows := attendanceFile(b)
	b.ResetTimer() // not the writing of the county year
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		_, used := ingestTimed(b, load, path, rows)
		cpu += used
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func benchAttendance(b *testing.B, load, stripped bool) {
	floor, rows := attendanceFile(b)
	path := floor
	if stripped {
		path = strippedAttendance(b, floor)
	}
	b.ResetTimer() // not the writing of the files
	var ours, bare, oursCPU, bareCPU time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c0 := cpuTime()
		bare += timeBare(b, floor)
		bareCPU += cpuTime() - c0
		wall, used := ingestTimed(b, load, path, rows)
		ours, oursCPU = ours+wall, oursCPU+used
	}
	b.ReportMetric(float64(rows)*float64(b.N)/ours.Seconds(), "rows/s")
	b.ReportMetric(ours.Seconds()/bare.Seconds(), "x-duckdb")
	b.ReportMetric(oursCPU.Seconds()/bareCPU.Seconds(), "x-duckdb-cpu")
	b.ReportMetric(oursCPU.Seconds()/float64(b.N), "cpu-s/op")
}

// ingestTimed loads path into a fresh warehouse (or with load false only
// reads and checks it), requires the manifest's rows, and returns the
// wall and CPU time of that alone. The benchmark's timer runs for it and
// is stopped again when it returns.
func ingestTimed(b *testing.B, load bool, path string, rows int) (wall, cpu time.Duration) {
	var ld *Loader
	if load {
		var db *sql.DB
		ld, db = benchLoader(b)
		defer db.Close()
		defer ld.Conn.Close()
	}
	b.StartTimer()
	start, c0 := time.Now(), cpuTime()
	n := ingestOnce(b, ld, path)
	wall, cpu = time.Since(start), cpuTime()-c0
	b.StopTimer()
	if n != int64(rows) {
		b.Fatalf("%s: %d rows read, the manifest says %d", path, n, rows)
	}
	return wall, cpu
}

// strippedAttendance writes (once per process) a copy of the attendance
// file without its 序号 column and returns its path.
func strippedAttendance(b *testing.B, path string) string {
	attStripOnce.Do(func() {
		in, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer in.Close()
		attStripFile = strings.TrimSuffix(path, ".csv") + "_无序号.csv"
		out, err := os.Create(attStripFile)
		if err != nil {
			b.Fatal(err)
		}
		defer out.Close()
		r, w := csv.NewReader(bufio.NewReaderSize(in, 1<<20)), csv.NewWriter(out)
		drop := -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			if drop < 0 {
				drop = slices.Index(rec, "序号")
				if drop < 0 {
					b.Fatalf("%s has no 序号 column: %q", path, rec)
				}
			}
			if err := w.Write(slices.Delete(rec, drop, drop+1)); err != nil {
				b.Fatal(err)
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			b.Fatal(err)
		}
	})
	return attStripFile
}

// ingestOnce loads the file (attendance or roster) through ld, or with
// no loader only reads and validates it, and returns the rows read.
func ingestOnce(b *testing.B, ld *Loader, path string) int64 {
	if ld != nil {
		res, err := ld.LoadFile(context.Background(), path)
		if err != nil || res.Outcome != Loaded {
			b.Fatalf("load: %+v %v", res, err)
		}
		return res.Rows
	}
	src, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	layout, err := readHeader(src)
	if err != nil {
		b.Fatal(err)
	}
	var res Result
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := appendRows(dropSink{}, src, laneFor(layout, src), layout, &res, now, newMeter(nil, time.Hour, src, "")); err != nil {
		b.Fatal(err)
	}
	return res.Rows
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
