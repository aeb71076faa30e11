package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"dropwatch/pipeline"
)

// The test binary doubles as the dropwatch process and as an analyst's
// reader process, chosen by DROPWATCH_TEST_ROLE, so tests can kill a real
// process and hold real cross-process file locks.
func TestMain(m *testing.M) {
	switch os.Getenv("DROPWATCH_TEST_ROLE") {
	case "cli":
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv("DROPWATCH_TEST_ARGS")), &args); err != nil {
			panic(err)
		}
		os.Exit(Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr))
	case "reader":
		os.Exit(readerLoop(os.Getenv("DROPWATCH_TEST_DB"), os.Stdin, os.Stdout))
	case "analysts":
		os.Exit(analystLoops(os.Getenv("DROPWATCH_TEST_DB"), os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// readerStats is what a reader process reports when its stdin closes.
type readerStats struct {
	Queries  int
	Failures int
	Errors   []string
}

// readerLoop behaves like an analyst: it opens the published warehouse
// read-only, queries a mart, closes, and again, until stdin closes.
func readerLoop(path string, stdin io.Reader, stdout io.Writer) int {
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, stdin); close(done) }()
	var st readerStats
	for {
		select {
		case <-done:
			json.NewEncoder(stdout).Encode(st)
			return 0
		default:
		}
		st.Queries++
		if err := readOnce(path); err != nil {
			st.Failures++
			if len(st.Errors) < 5 {
				st.Errors = append(st.Errors, err.Error())
			}
		}
	}
}

func readOnce(path string) error {
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		return err
	}
	defer db.Close()
	var n int64
	return db.QueryRow("SELECT coalesce(sum(enrolled), 0) FROM mart.school_term_enrolment").Scan(&n)
}

// startReader starts a reader process on the warehouse.
func startReader(t *testing.T, path string) (stop func() readerStats) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DROPWATCH_TEST_ROLE=reader", "DROPWATCH_TEST_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return func() readerStats {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("reader: %v", err)
		}
		var st readerStats
		if err := json.Unmarshal([]byte(out.String()), &st); err != nil {
			t.Fatalf("reader output %q: %v", out.String(), err)
		}
		return st
	}
}

// cliProcess starts dropwatch as a child process.
func cliProcess(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	b, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DROPWATCH_TEST_ROLE=cli", "DROPWATCH_TEST_ARGS="+string(b))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stderr)
}

// runEvent decodes a line of dropwatch run --events: ok is false for any
// other line (the log shares stderr).
func runEvent(line string) (ev pipeline.Event, ok bool) {
	if !strings.HasPrefix(line, `{"kind":`) {
		return ev, false
	}
	return ev, json.Unmarshal([]byte(line), &ev) == nil
}

// killAt runs dropwatch with --events - and kills it (SIGKILL) at the
// event that starts the given phase. It reports whether the process was
// killed before it finished.
func killAt(t *testing.T, phase pipeline.Phase, args ...string) bool {
	t.Helper()
	cmd, lines := cliProcess(t, append(args, "--events", "-")...)
	killed := false
	for lines.Scan() {
		if ev, ok := runEvent(lines.Text()); ok && ev.Kind == pipeline.EventPhase && ev.Phase == phase {
			killed = cmd.Process.Kill() == nil
			break
		}
	}
	go io.Copy(io.Discard, drain(lines))
	err := cmd.Wait()
	if !killed {
		t.Fatalf("phase %s never logged (exit: %v)", phase, err)
	}
	return err != nil // a killed process exits with a signal
}

func drain(s *bufio.Scanner) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		for s.Scan() {
		}
		pw.Close()
	}()
	return pr
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
