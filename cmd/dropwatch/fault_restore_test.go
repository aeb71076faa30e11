package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline"
)

// A published warehouse truncated by its last block (DuckDB still opens
// it) or to half is found when the next run starts: the run fails naming
// the file, what is wrong, the newest backup and the command to restore
// it, and changes nothing. The printed command, run as printed, puts the
// backup in place and keeps the damaged file; the run after it loads the
// newer inbox files again and converges to the marts published before the
// damage.
func TestFaultTruncatedWarehouse(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dropwatch seven times")
	}
	root := t.TempDir()
	wh := filepath.Join(root, "wh", "dw.duckdb")
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	backup, err := (&pipeline.Warehouse{Path: wh}).Backup(pipeline.BackupDir(wh), 7, time.Now())
	must(t, err)
	demoInboxExtra(t, filepath.Join(root, "inbox"))
	if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
		t.Fatalf("second run: %s", errOut)
	}
	want := publishedMarts(t, root).sum
	for _, c := range []struct {
		name string
		cut  func(size int64) int64
	}{
		{"last block", func(n int64) int64 { return n - 256<<10 }},
		{"half", func(n int64) int64 { return n / 2 }},
	} {
		st, err := os.Stat(wh)
		must(t, err)
		must(t, os.Truncate(wh, c.cut(st.Size())))
		damaged, err := os.ReadFile(wh)
		must(t, err)
		cmdline := runRefusesDamaged(t, root, backup, c.name)
		args := strings.Fields(strings.TrimPrefix(cmdline, "dropwatch "))
		if code, errOut := runProcess(t, args...); code != 0 {
			t.Fatalf("%s: %s: %s", c.name, cmdline, errOut)
		}
		sameBytes(t, c.name+": restored warehouse", wh, backup)
		if !keptAside(t, wh, damaged) {
			t.Errorf("%s: the damaged file was not kept as %s.damaged-*", c.name, wh)
		}
		if code, errOut := runProcess(t, runArgs(root)...); code != 0 {
			t.Fatalf("%s: run after restore: %s", c.name, errOut)
		}
		if publishedMarts(t, root).sum != want {
			t.Errorf("%s: after restore and a run the marts differ from those before the damage", c.name)
		}
	}
}

// runRefusesDamaged runs dropwatch on a damaged warehouse: it must fail,
// say so, change nothing, and print the restore command, which it returns.
func runRefusesDamaged(t *testing.T, root, backup, name string) string {
	t.Helper()
	wh := filepath.Join(root, "wh", "dw.duckdb")
	before := state(t, root)
	code, errOut := runProcess(t, runArgs(root)...)
	if code != 1 {
		t.Fatalf("%s: run on a damaged warehouse: exit code %d\n%s", name, code, errOut)
	}
	cmdline := "dropwatch restore --warehouse " + wh + " --from " + backup
	for _, want := range []string{"损坏", "damaged", "file: " + wh, "truncated", "newest backup: " + backup, cmdline} {
		if !strings.Contains(errOut, want) {
			t.Errorf("%s: message lacks %q:\n%s", name, want, errOut)
		}
	}
	if state(t, root) != before {
		t.Errorf("%s: a run on a damaged warehouse changed published files", name)
	}
	if left, _ := filepath.Glob(wh + ".work-*"); len(left) > 0 {
		t.Errorf("%s: a run on a damaged warehouse copied it: %v", name, left)
	}
	t.Logf("%s:\n%s", name, errOut)
	return cmdline
}

// keptAside reports whether a <wh>.damaged-* file holds the given bytes.
func keptAside(t *testing.T, wh string, want []byte) bool {
	t.Helper()
	aside, _ := filepath.Glob(wh + ".damaged-*")
	for _, p := range aside {
		if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, want) {
			return true
		}
	}
	return false
}

func sameBytes(t *testing.T, what, a, b string) {
	t.Helper()
	x, err := os.ReadFile(a)
	must(t, err)
	y, err := os.ReadFile(b)
	must(t, err)
	if !bytes.Equal(x, y) {
		t.Errorf("%s: %s and %s differ", what, a, b)
	}
}
