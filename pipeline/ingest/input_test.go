package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A file written between hashing and reading is read again, so the hash
// recorded is that of the rows loaded (before, the first version's hash
// was recorded beside the second version's rows, and the corrected file
// was skipped for ever as already loaded). Fails with the changedSince
// checks removed from loadOnce.
func TestFileRewrittenWhileReadIsReadAgain(t *testing.T) {
	ld, db := newLoader(t)
	p := write(t, "名册.csv", []byte(rosterHeader+strings.Repeat(rosterRow, 10)))
	corrected := rosterHeader + strings.Repeat(rosterRow, 20)
	rewrites := 0
	ld.afterHash = func(path string) {
		if rewrites == 0 {
			if err := os.WriteFile(path, []byte(corrected), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		rewrites++
	}
	res, err := ld.LoadFile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Loaded || res.Rows != 20 || rewrites != 2 {
		t.Errorf("%s, %d rows after %d readings; want loaded, 20 rows after 2", res.Outcome, res.Rows, rewrites)
	}
	var sum string
	if err := db.QueryRow("SELECT sha256 FROM raw.load_log WHERE outcome = 'loaded'").Scan(&sum); err != nil {
		t.Fatal(err)
	}
	f, _, err := openInput(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if want, _ := hashOpen(f); sum != want {
		t.Errorf("recorded hash %s is not the hash of the file loaded (%s)", sum, want)
	}
	// A file that keeps changing is rejected after three readings.
	ld.afterHash = func(path string) {
		rewrites++
		os.WriteFile(path, []byte(rosterHeader+strings.Repeat(rosterRow, rewrites)), 0o644)
	}
	res, err = ld.LoadFile(context.Background(), write(t, "busy.csv", []byte(rosterHeader+rosterRow)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Rejected || !strings.Contains(res.Message, "被改写") {
		t.Errorf("%s %q; want rejected as rewritten", res.Outcome, res.Message)
	}
}

// A named pipe swapped into the inbox is rejected at once; before, open()
// blocked until a writer came, for ever, holding the run lock.
func TestFIFORejectedWithoutBlocking(t *testing.T) {
	ld, _ := newLoader(t)
	p := filepath.Join(t.TempDir(), "名册.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	done := make(chan Result, 1)
	go func() {
		res, err := ld.LoadFile(context.Background(), p)
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	select {
	case res := <-done:
		if res.Outcome != Rejected || !strings.Contains(res.Message, "命名管道") {
			t.Errorf("%s %q; want rejected as a named pipe", res.Outcome, res.Message)
		}
	case <-time.After(5 * time.Second):
		// Unblock the loader so the test can end, then fail.
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("loading a FIFO blocked for 5 s")
	}
}

// Links, pipes and unreadable subfolders in the inbox are named in the
// load log with the reason; before, they were skipped without a word (and
// an unreadable subfolder stopped the whole run with an English error).
func TestInboxOddEntriesAreReported(t *testing.T) {
	ld, _ := newLoader(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(good, []byte(rosterHeader+rosterRow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(good, filepath.Join(dir, "b_link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "c_pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "d_locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.csv": "", "b_link.csv": "符号链接", "c_pipe.csv": "命名管道"}
	if os.Geteuid() != 0 { // root reads a folder of mode 000
		want["d_locked"] = "文件夹无法读取"
	}
	got, err := ld.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d results, want %d: %+v", len(got), len(want), got)
	}
	for _, r := range got {
		msg, ok := want[r.File]
		switch {
		case !ok:
			t.Errorf("unexpected result %+v", r)
		case msg == "" && r.Outcome != Loaded:
			t.Errorf("%s: %s %q, want loaded", r.File, r.Outcome, r.Message)
		case msg != "" && (r.Outcome != Rejected || !strings.Contains(r.Message, msg)):
			t.Errorf("%s: %s %q, want rejected with %q", r.File, r.Outcome, r.Message, msg)
		}
	}
	if _, err := ld.LoadDir(context.Background(), filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "收件箱") {
		t.Errorf("missing inbox: %v, want a Chinese error naming the inbox", err)
	}
}
