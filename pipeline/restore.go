package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Restored says what Restore did.
type Restored struct {
	From      string // the backup put in place
	Warehouse string // the published warehouse
	Damaged   string // where the file it replaced was kept; empty when there was none
}

// Restore puts a backup in place of the published warehouse. from is the
// backup file; empty means the newest in BackupDir. It holds the run lock
// (ErrBusy while a run is in progress), reads every block of the backup
// before touching anything, copies it beside the warehouse, flushes it and
// renames it over the published path in one step. The file it replaces is
// kept as <warehouse>.damaged-<time>, never deleted, and readers always
// find a file at the published path.
func (w *Warehouse) Restore(ctx context.Context, from string, now time.Time) (*Restored, error) {
	if from == "" {
		var err error
		if from, err = w.newestBackup(); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(from); err != nil {
		return nil, fmt.Errorf("备份文件 / backup file: %w", err)
	}
	lock, err := acquire(w.Path + ".lock")
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	stale, _ := filepath.Glob(w.Path + ".restore-*") // left by a killed restore
	for _, p := range stale {
		removeIfExists(p)
	}
	if err := checkDB(ctx, from, true); err != nil {
		return nil, fmt.Errorf("备份 %s 无法完整读取，未做任何改动 / the backup does not read completely, nothing changed: %w", from, err)
	}
	stamp := now.Format("20060102T150405")
	tmp := w.Path + ".restore-" + stamp
	if err := copyWhole(from, tmp); err != nil {
		removeIfExists(tmp)
		return nil, fmt.Errorf("copy backup: %w", err)
	}
	res := &Restored{From: from, Warehouse: w.Path}
	if res.Damaged, err = w.setAside(stamp); err != nil {
		removeIfExists(tmp)
		return nil, err
	}
	if err := w.putInPlace(tmp, now); err != nil {
		removeIfExists(tmp)
		return nil, err
	}
	return res, nil
}

func (w *Warehouse) newestBackup() (string, error) {
	dir := BackupDir(w.Path)
	all, err := w.Backups(dir)
	if err != nil {
		return "", err
	}
	if len(all) == 0 {
		return "", fmt.Errorf("在 %s 中没有找到备份：请用 --from 指定备份文件 / no backup in %s: name one with --from", dir, dir)
	}
	return all[len(all)-1], nil
}

// copyWhole copies src to dst and flushes dst, checking that every byte
// arrived.
func copyWhole(src, dst string) error {
	if err := copyIfExists(src, dst); err != nil {
		return err
	}
	if err := syncFile(dst); err != nil {
		return err
	}
	a, err := os.Stat(src)
	if err != nil {
		return err
	}
	b, err := os.Stat(dst)
	if err != nil {
		return err
	}
	if a.Size() != b.Size() {
		return fmt.Errorf("copied %d of %d bytes", b.Size(), a.Size())
	}
	return nil
}

// setAside keeps the published file (and any write-ahead log beside it,
// which must not be replayed onto the backup) as <warehouse>.damaged-<stamp>.
// The file gets a second name by a hard link, so the published path never
// goes missing; where links are not supported it is renamed.
func (w *Warehouse) setAside(stamp string) (string, error) {
	if _, err := os.Stat(w.Path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := w.Path + ".damaged-" + stamp
	for i := 2; exists(aside); i++ {
		aside = fmt.Sprintf("%s.damaged-%s-%d", w.Path, stamp, i)
	}
	if err := os.Link(w.Path, aside); err != nil {
		if err := os.Rename(w.Path, aside); err != nil {
			return "", fmt.Errorf("keep damaged warehouse: %w", err)
		}
	}
	if _, err := os.Stat(w.Path + ".wal"); err == nil {
		if err := os.Rename(w.Path+".wal", aside+".wal"); err != nil {
			return "", fmt.Errorf("keep damaged warehouse log: %w", err)
		}
	}
	return aside, syncDir(filepath.Dir(w.Path))
}

// putInPlace renames the flushed copy over the published path and seals it.
func (w *Warehouse) putInPlace(tmp string, now time.Time) error {
	if err := dropSeal(w.Path); err != nil {
		return err
	}
	if err := os.Rename(tmp, w.Path); err != nil {
		return fmt.Errorf("put backup in place: %w", err)
	}
	if err := syncDir(filepath.Dir(w.Path)); err != nil {
		return err
	}
	return writeSeal(w.Path, "restore", "", now)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
