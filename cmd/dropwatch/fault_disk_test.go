package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// The disk holding the warehouse fills during a run, first while the run
// copies the published warehouse, then while DuckDB writes the working
// copy: the run fails with a message that says the disk is full, which
// folder, and what to do; the published warehouse and every page stay
// byte-identical and no working file is left. With room again, the next
// run publishes. Needs root (a tmpfs is mounted on the warehouse folder).
func TestFaultDiskFull(t *testing.T) {
	root := t.TempDir()
	whDir := filepath.Join(root, "wh")
	resize := mountTmpfs(t, whDir, 256<<20)
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	demoInboxExtra(t, filepath.Join(root, "inbox"))
	st, err := os.Stat(filepath.Join(whDir, "dw.duckdb"))
	must(t, err)
	size := st.Size()
	before := state(t, root)
	cases := []struct {
		name  string
		disk  int64  // the tmpfs's size
		cause string // the failed write in the message
	}{
		{"copying the published warehouse", size + size/2, "copy published warehouse"},
		{"DuckDB writing the working copy", 2*size + 1<<20, "Could not write file"},
	}
	for _, c := range cases {
		resize(c.disk)
		code, errOut := runProcess(t, runArgs(root)...)
		if code != 1 {
			t.Fatalf("%s: exit code %d, want 1\n%s", c.name, code, errOut)
		}
		for _, want := range []string{"磁盘空间不足", "disk full", "存放 " + whDir + " 的磁盘", "paths.warehouse", "duckdb.temp_dir", c.cause} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: message lacks %q:\n%s", c.name, want, errOut)
			}
		}
		if state(t, root) != before {
			t.Errorf("%s: published files changed", c.name)
		}
		if left, _ := filepath.Glob(filepath.Join(whDir, "*.work-*")); len(left) > 0 {
			t.Errorf("%s: left %v", c.name, left)
		}
		t.Logf("%s (%d-byte disk, %d-byte warehouse): %s", c.name, c.disk, size, failureLine(errOut))
	}
	resize(256 << 20)
	if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
		t.Fatalf("run with room again: %s", errOut)
	}
	if state(t, root) == before {
		t.Error("the run with room again published nothing")
	}
}

// mountTmpfs mounts a tmpfs of size bytes on dir, unmounted at the end of
// the test, and returns a function that resizes it. It skips the test
// when it cannot: mounting needs root.
func mountTmpfs(t *testing.T, dir string, size int64) (resize func(int64)) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("需要 root 挂载 tmpfs / needs root to mount a tmpfs that fills up")
	}
	must(t, os.MkdirAll(dir, 0o755))
	opt := func(n int64) string { return "size=" + strconv.FormatInt(n, 10) }
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, opt(size)); err != nil {
		t.Skipf("无法挂载 tmpfs / cannot mount a tmpfs on %s: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return func(n int64) {
		t.Helper()
		must(t, unix.Mount("tmpfs", dir, "tmpfs", unix.MS_REMOUNT, opt(n)))
	}
}

func failureLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "失败") {
			return l
		}
	}
	return ""
}
