package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the watcher's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The first signal cancels the run's context; a second signal, or the
// grace time running out, ends the process even if the run is stuck (the
// old signal.NotifyContext ignored every signal after the first, so a run
// blocked in open() held the run lock until kill -9).
func TestSignalsEndAStuckRun(t *testing.T) {
	for _, c := range []struct {
		name   string
		second bool
		grace  time.Duration
		want   string
	}{
		{"second signal", true, time.Hour, "再次收到"},
		{"grace timeout", false, 50 * time.Millisecond, "强制结束"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sigs := make(chan os.Signal, 2)
			exited := make(chan int, 1)
			var stderr syncBuffer
			ctx, stop := watchSignals(context.Background(), sigs, c.grace, &stderr, func(code int) { exited <- code })
			defer stop()
			sigs <- syscall.SIGTERM
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
				t.Fatal("the first signal did not cancel the context")
			}
			if c.second {
				sigs <- syscall.SIGINT
			}
			select {
			case code := <-exited:
				if code != exitInterrupted {
					t.Errorf("exit code %d, want %d", code, exitInterrupted)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the stuck run was not ended")
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q, want %q", stderr.String(), c.want)
			}
		})
	}
	// A run that returns in time is not ended.
	sigs := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	_, stop := watchSignals(context.Background(), sigs, 50*time.Millisecond, &syncBuffer{}, func(code int) { exited <- code })
	sigs <- syscall.SIGTERM
	time.Sleep(10 * time.Millisecond)
	stop()
	select {
	case <-exited:
		t.Error("exit called after the run returned")
	case <-time.After(200 * time.Millisecond):
	}
}

// A file whose name holds terminal escape codes reaches neither stdout nor
// stderr raw (before, the rejected-file line printed them as they were).
func TestEscapeCodesInFileNamesAreShownEscaped(t *testing.T) {
	root := t.TempDir()
	inbox := filepath.Join(root, "inbox")
	must(t, os.MkdirAll(inbox, 0o755))
	must(t, os.WriteFile(filepath.Join(inbox, "a\x1b]0;pwned\x07\x1b[2J.csv"), []byte("备注\n请查收\n"), 0o644))
	code, stdout, stderr := runCLI(t, runArgs(root)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name, s := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("%s holds a raw escape code: %q", name, s)
		}
	}
	if !strings.Contains(stdout, `a\x1b]0;pwned\a\x1b[2J.csv`) {
		t.Errorf("stdout does not name the file escaped: %q", stdout)
	}
}

// serve gets its --grace (the time it lets a running job finish and
// records it abandoned) before the process is ended; other commands 30 s.
func TestStopTimeout(t *testing.T) {
	for _, c := range []struct {
		args []string
		want time.Duration
	}{
		{[]string{"run"}, 30 * time.Second},
		{[]string{"serve"}, 90 * time.Second},
		{[]string{"serve", "--grace", "5m"}, 5*time.Minute + 30*time.Second},
		{[]string{"serve", "-grace=10s"}, 40 * time.Second},
	} {
		if got := stopTimeout(c.args); got != c.want {
			t.Errorf("%v: %v, want %v", c.args, got, c.want)
		}
	}
}
