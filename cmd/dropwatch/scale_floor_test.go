package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// This file holds BenchmarkScale's floor (DuckDB's bare read_csv) and its
// disk helpers.

// floorRun is one timing of DuckDB's bare load.
type floorRun struct {
	wall     time.Duration
	cpu      float64 // this process's CPU seconds meanwhile
	fallback int     // files that needed all_varchar
	rows     int64   // rows DuckDB loaded (counted after the timing)
}

// timeFloor loads each file with DuckDB's bare read_csv into its own table
// of a fresh file database, with the run's memory limit and threads, and
// times the whole. A file whose sniffed types fail on a later row is
// loaded again with all_varchar = true.
func timeFloor(b *testing.B, dir string, files []string, mem string, threads int) floorRun {
	b.Helper()
	path := filepath.Join(dir, "floor.duckdb")
	defer os.Remove(path)
	defer os.Remove(path + ".wal")
	q := url.Values{"memory_limit": {mem}, "threads": {strconv.Itoa(threads)},
		"temp_directory": {filepath.Join(dir, "floor.tmp")}}
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		b.Fatal(err)
	}
	var fr floorRun
	cpu0, start := selfCPU(), time.Now()
	for i, f := range files {
		lit := "'" + strings.ReplaceAll(f, "'", "''") + "'"
		_, err := db.Exec(fmt.Sprintf("CREATE TABLE t%d AS SELECT * FROM read_csv(%s)", i, lit))
		if err != nil {
			fr.fallback++
			_, err = db.Exec(fmt.Sprintf("CREATE OR REPLACE TABLE t%d AS SELECT * FROM read_csv(%s, all_varchar = true)", i, lit))
		}
		if err != nil {
			b.Fatalf("floor load of %s: %v", f, err)
		}
	}
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
	fr.wall, fr.cpu = time.Since(start), selfCPU()-cpu0
	for i := range files {
		var n int64
		if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM t%d", i)).Scan(&n); err != nil {
			b.Fatal(err)
		}
		fr.rows += n
	}
	return fr
}

// selfCPU is this process's user+system CPU seconds.
func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// pathBytes is the size of a file, or of every file under a directory.
func pathBytes(root string) int64 {
	var total int64
	filepath.WalkDir(root, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// peakSize polls the size of dir every second until stop is closed and
// returns the largest size seen (DuckDB's spill files, for the run).
func peakSize(dir string, stop <-chan struct{}) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			peak = max(peak, pathBytes(dir))
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// freeBytes is the space available to us on the filesystem holding dir.
func freeBytes(dir string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * st.Bsize
}
