package main

import (
	"database/sql"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// 100 analysts at once, in four processes of 25 query loops each, while
// two runs rebuild and publish the warehouse: each analyst opens the
// published warehouse read-only, queries a mart, keeps the handle open for
// two to four seconds (as someone reading the result would), queries again
// on the same handle, closes, and starts over. Not one query fails, every
// loop queries, all 25 handles of a process are open at once, and some
// handles stay open across a publish (the file replaced under them) and
// still read.
func TestFaultHundredReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dropwatch three times, twice under 100 readers")
	}
	root := t.TempDir()
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	const procs, loops = 4, 25
	var stops []func() analystStats
	for range procs {
		stops = append(stops, startAnalysts(t, filepath.Join(root, "wh", "dw.duckdb"), loops))
	}
	for i := range 2 {
		if i == 1 {
			demoInboxExtra(t, filepath.Join(root, "inbox"))
		}
		// --full: each run publishes, even the first with nothing new.
		if code, errOut := runProcess(t, append(runArgs(root), "--full")...); code != 0 {
			t.Fatalf("run %d: %s", i+1, errOut)
		}
	}
	var total, straddled int
	for i, stop := range stops {
		st := stop()
		total, straddled = total+st.Queries, straddled+st.Straddled
		if st.Failures != 0 || st.MinLoop < 1 || st.MaxOpen != loops {
			t.Errorf("analysts %d: %d queries, %d failures %v; fewest queries in a loop %d; at most %d of %d handles open at once",
				i+1, st.Queries, st.Failures, st.Errors, st.MinLoop, st.MaxOpen, loops)
		}
	}
	if straddled == 0 {
		t.Error("no handle stayed open across a publish")
	}
	t.Logf("%d analysts in %d processes: %d queries, 0 failures, %d handles held across a publish, 2 publishes",
		procs*loops, procs, total, straddled)
}

// analystStats is what an analysts process reports when its stdin closes.
type analystStats struct {
	Queries   int
	Failures  int
	Errors    []string
	MinLoop   int // queries of the loop that ran fewest
	MaxOpen   int // handles open at once, at most
	Straddled int // sessions whose file was replaced while they held it
}

// analystLoops runs DROPWATCH_TEST_LOOPS analysts at once until stdin
// closes, then prints their stats.
func analystLoops(path string, stdin io.Reader, stdout io.Writer) int {
	loops, _ := strconv.Atoi(os.Getenv("DROPWATCH_TEST_LOOPS"))
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, stdin); close(done) }()
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		open atomic.Int64
	)
	st := analystStats{MinLoop: -1}
	for range loops {
		wg.Go(func() {
			n := 0
			for !closed(done) {
				q, replaced, err := session(path, &open, &mu, &st.MaxOpen)
				mu.Lock()
				n += q
				st.Queries += q
				if replaced {
					st.Straddled++
				}
				if err != nil {
					st.Failures++
					if len(st.Errors) < 5 {
						st.Errors = append(st.Errors, err.Error())
					}
				}
				mu.Unlock()
			}
			mu.Lock()
			if st.MinLoop < 0 || n < st.MinLoop {
				st.MinLoop = n
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	json.NewEncoder(stdout).Encode(st)
	return 0
}

// session is one analyst's look: open read-only, query, hold, query
// again, close. It returns the queries that succeeded and whether the
// published file was replaced while the handle was open.
func session(path string, open *atomic.Int64, mu *sync.Mutex, maxOpen *int) (int, bool, error) {
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY&threads=1")
	if err != nil {
		return 0, false, err
	}
	defer db.Close()
	ino := inode(path) // the file just opened (a publish in between counts as straddled)
	n := open.Add(1)
	defer open.Add(-1)
	mu.Lock()
	*maxOpen = max(*maxOpen, int(n))
	mu.Unlock()
	q := "SELECT coalesce(sum(enrolled), 0) FROM mart.school_term_enrolment"
	var sum int64
	if err := db.QueryRow(q).Scan(&sum); err != nil {
		return 0, false, err
	}
	time.Sleep(2*time.Second + rand.N(2*time.Second))
	if err := db.QueryRow(q).Scan(&sum); err != nil {
		return 1, false, err
	}
	return 2, inode(path) != ino, nil
}

func inode(path string) uint64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

func closed(done chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// startAnalysts starts a process running loops analysts at once.
func startAnalysts(t *testing.T, path string, loops int) (stop func() analystStats) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DROPWATCH_TEST_ROLE=analysts", "DROPWATCH_TEST_DB="+path,
		"DROPWATCH_TEST_LOOPS="+strconv.Itoa(loops))
	stdin, err := cmd.StdinPipe()
	must(t, err)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	must(t, cmd.Start())
	t.Cleanup(func() { // a test that stopped early leaves no process behind
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return func() analystStats {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("analysts: %v", err)
		}
		var st analystStats
		if err := json.Unmarshal([]byte(out.String()), &st); err != nil {
			t.Fatalf("analysts output %q: %v", out.String(), err)
		}
		return st
	}
}
