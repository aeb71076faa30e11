package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dropwatch/pipeline"
)

// writeDB writes a small real warehouse file holding the given value.
func writeDB(t *testing.T, path string, v int) []byte {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	db, err := sql.Open("duckdb", path)
	must(t, err)
	_, err = db.Exec("CREATE SCHEMA mart; CREATE TABLE mart.x AS SELECT ? AS v, range AS i FROM range(1000)", v)
	must(t, err)
	must(t, db.Close())
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

// dropwatch restore waits for no run (a run in progress makes it fail),
// refuses a backup that does not read completely or does not exist, and
// changes nothing then; without --from it puts the newest backup in place
// and keeps the file it replaced as <warehouse>.damaged-<time>.
func TestRestore(t *testing.T) {
	root := t.TempDir()
	wh := filepath.Join(root, "wh", "dw.duckdb")
	dir := pipeline.BackupDir(wh)
	current := writeDB(t, wh, 3)
	writeDB(t, filepath.Join(dir, "dw-20260101.duckdb"), 1)
	newest := writeDB(t, filepath.Join(dir, "dw-20260102.duckdb"), 2)
	bad := filepath.Join(root, "bad.duckdb")
	must(t, os.WriteFile(bad, newest[:len(newest)/2], 0o644))

	work, err := (&pipeline.Warehouse{Path: wh}).Begin("held")
	must(t, err)
	restoreFails(t, "during a run", "另一个运行正在进行", "restore", "--warehouse", wh)
	must(t, work.Close())
	restoreFails(t, "truncated backup", "无法完整读取", "restore", "--warehouse", wh, "--from", bad)
	restoreFails(t, "missing backup", "no such file", "restore", "--warehouse", wh, "--from", filepath.Join(root, "nope.duckdb"))
	restoreFails(t, "no backups", "没有找到备份", "restore", "--warehouse", filepath.Join(root, "other", "dw.duckdb"))
	if b, _ := os.ReadFile(wh); string(b) != string(current) {
		t.Fatal("a refused restore changed the warehouse")
	}
	if left, _ := filepath.Glob(wh + ".*-*"); len(left) > 0 {
		t.Fatalf("a refused restore left %v", left)
	}

	code, out, errOut := runCLI(t, "restore", "--warehouse", wh)
	if code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	sameBytes(t, "restored warehouse", wh, filepath.Join(dir, "dw-20260102.duckdb"))
	if !keptAside(t, wh, current) {
		t.Error("the replaced file was not kept aside")
	}
	if !strings.Contains(out, "dw-20260102.duckdb") || !strings.Contains(out, ".damaged-") {
		t.Errorf("restore output: %s", out)
	}
	if _, err := os.Stat(pipeline.SealPath(wh)); err != nil {
		t.Errorf("the restored warehouse is not sealed: %v", err)
	}
}

// restoreFails runs dropwatch restore in a child process and expects it to
// fail with a message containing want.
func restoreFails(t *testing.T, name, want string, args ...string) {
	t.Helper()
	code, errOut := runProcess(t, args...)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("%s: exit code %d, want 1 and a message with %q:\n%s", name, code, want, errOut)
	}
}
