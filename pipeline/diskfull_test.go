package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// mountTmpfs mounts a tmpfs of size bytes on dir (unmounted at the end of
// the test). It skips the test when it cannot: mounting needs root.
func mountTmpfs(t *testing.T, dir string, size int64) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("需要 root 挂载 tmpfs / needs root to mount a tmpfs that fills up")
	}
	noErr(t, os.MkdirAll(dir, 0o755))
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatInt(size, 10)); err != nil {
		t.Skipf("无法挂载 tmpfs / cannot mount a tmpfs on %s: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
}

// DuckDB spilling to a temp directory on a full disk says "Out of Memory
// Error: failed to offload data block"; a run explains it as a full disk
// naming the temp directory.
func TestTempDirFullIsDiskFull(t *testing.T) {
	root := t.TempDir()
	spill := filepath.Join(root, "spill")
	mountTmpfs(t, spill, 1<<20)
	r := &Run{Config: Defaults()}
	r.Config.Paths.Warehouse = filepath.Join(root, "wh", "dw.duckdb")
	r.Config.DuckDB = DuckDB{MemoryLimit: "32MB", Threads: 1, TempDir: filepath.Join(spill, "duckdb")}
	db, err := openDB(filepath.Join(root, "big.duckdb"), r.Config.DuckDB, false)
	noErr(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE t AS SELECT range i, md5(range::varchar) s FROM range(3000000) ORDER BY s`)
	if err == nil {
		t.Fatal("a sort twice the memory limit succeeded with a 1 MB temp directory")
	}
	var full *DiskFullError
	if !errors.As(r.diskFull(err), &full) {
		t.Fatalf("DuckDB's error is not taken for a full disk: %v", err)
	}
	msg := full.Error()
	for _, want := range []string{"磁盘空间不足", "disk full", filepath.Join(spill, "duckdb"), "duckdb.temp_dir"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// Errors that are not about space pass unchanged.
func TestOtherErrorsAreNotDiskFull(t *testing.T) {
	r := &Run{Config: Defaults()}
	for _, err := range []error{os.ErrPermission, errors.New("Out of Memory Error: failed to allocate data of size 32.0 KiB")} {
		if got := r.diskFull(err); got != err {
			t.Errorf("%v became %v", err, got)
		}
	}
}
