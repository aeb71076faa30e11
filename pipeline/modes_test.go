package pipeline

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The warehouse, its folder, backups, the run history and the seal hold
// or describe personal data: owner-only whatever the umask (022 here, as
// on most servers). Before, they were 0644 and 0755.
func TestPersonalFilesOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	_, r, _ := publishedFixture(t)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	backup, err := wh.Backup(BackupDir(wh.Path), 7, time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	h := &History{Path: HistoryPath(wh.Path)}
	if err := h.Append(HistoryEvent{Job: "nightly", Run: "r1", Event: "start"}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		wh.Path:               0o600,
		filepath.Dir(wh.Path): 0o700,
		backup:                0o600,
		BackupDir(wh.Path):    0o700,
		h.Path:                0o600,
		SealPath(wh.Path):     0o600,
		wh.Path + ".lock":     0o600,
	} {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
}
