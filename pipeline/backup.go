package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Backup copies the published warehouse to dir as <name>-YYYYMMDD<ext>
// (the date of now, in now's location; a second backup the same day
// replaces the first) and removes all but the newest keep dated backups of
// this warehouse. It holds the warehouse's run lock while copying, so no run
// publishes meanwhile; it fails with ErrBusy when a run is in progress. The
// copy is written beside its final name and renamed into place, so a backup
// folder never holds a half-written backup under a dated name. A sealed
// warehouse that fails Check is not copied, and the copy is read whole
// (every block's checksum) before it is renamed into place or any older
// backup removed, so a damaged file never pushes a good backup out; the
// *DamagedError names the newest backup and the command that restores it.
func (w *Warehouse) Backup(dir string, keep int, now time.Time) (string, error) {
	if keep < 1 {
		return "", fmt.Errorf("backup: keep must be at least 1, got %d", keep)
	}
	if _, err := os.Stat(w.Path); err != nil {
		return "", fmt.Errorf("尚无已发布的数据仓库可备份 / no published warehouse to back up: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	lock, err := acquire(w.Path + ".lock")
	if err != nil {
		return "", err
	}
	defer lock.Close()
	if err := w.checkSealed(); err != nil {
		return "", fmt.Errorf("不备份损坏的文件，已有备份保持不变 / not backing up a damaged file; the backups stay as they were: %w", err)
	}
	final := filepath.Join(dir, w.backupName(now))
	tmp := final + ".tmp"
	if err := copyIfExists(w.Path, tmp); err != nil {
		removeIfExists(tmp)
		return "", fmt.Errorf("copy warehouse: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		removeIfExists(tmp)
		return "", fmt.Errorf("flush backup: %w", err)
	}
	// Read every value of the copy, so DuckDB checks every block's
	// checksum, before it may push an older backup out: a damaged block
	// (same size, so the seal cannot tell) would otherwise replace the last
	// good copy night after night.
	if err := checkDB(context.Background(), tmp, true); err != nil {
		removeIfExists(tmp)
		return "", w.damaged("备份前逐块校验发现损坏的数据，未备份，已有备份保持不变 / a full read before the backup found damaged data; nothing was backed up, the backups stay as they were", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		removeIfExists(tmp)
		return "", fmt.Errorf("finish backup: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return "", err
	}
	return final, w.pruneBackups(dir, keep)
}

// checkSealed checks a warehouse that dropwatch published and sealed
// (Check), so a damaged file never replaces a good backup; a file without
// a seal is copied as it is.
func (w *Warehouse) checkSealed() error {
	if s, err := readSeal(w.Path); err != nil || s == nil {
		return nil
	}
	return w.Check(context.Background(), slog.Default())
}

// backupName is the dated name of a backup taken at now.
func (w *Warehouse) backupName(now time.Time) string {
	stem, ext := w.stem()
	return stem + "-" + now.Format("20060102") + ext
}

func (w *Warehouse) stem() (string, string) {
	base := filepath.Base(w.Path)
	ext := filepath.Ext(base)
	return strings.TrimSuffix(base, ext), ext
}

// Backups lists this warehouse's dated backups in dir, oldest first.
func (w *Warehouse) Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	stem, ext := w.stem()
	dated := regexp.MustCompile("^" + regexp.QuoteMeta(stem) + `-\d{8}` + regexp.QuoteMeta(ext) + "$")
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && dated.MatchString(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out) // the date sorts as text
	return out, nil
}

func (w *Warehouse) pruneBackups(dir string, keep int) error {
	all, err := w.Backups(dir)
	if err != nil {
		return err
	}
	var errs []error
	for i := 0; i < len(all)-keep; i++ {
		if err := removeIfExists(all[i]); err != nil {
			errs = append(errs, fmt.Errorf("remove old backup: %w", err))
		}
	}
	return errors.Join(errs...)
}
