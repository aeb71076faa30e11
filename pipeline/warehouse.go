package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Warehouse is the published DuckDB file that analysts open read-only.
// Runs never write it: a run works on a private copy beside it and, when
// everything succeeded, renames the copy over it. A reader that has the old
// file open keeps reading the old file; the next open sees the new one. A
// run that fails or is killed leaves the published file as it was.
type Warehouse struct {
	Path string
}

// Work is one run's working copy of the warehouse, held under the
// warehouse's run lock so two runs never build at once.
type Work struct {
	Path string
	wh   *Warehouse
	lock *os.File
	run  string
	// inputs is the fingerprint of what the run builds from, sealed at
	// publish.
	inputs string
}

// Begin takes the run lock and makes the working copy. Working copies left
// by killed runs are removed first.
func (w *Warehouse) Begin(runID string) (*Work, error) {
	return w.begin(runID, nil)
}

// BeginChecked is Begin that first checks the published warehouse (Check)
// under the run lock, before anything is copied or removed.
func (w *Warehouse) BeginChecked(ctx context.Context, runID string, log *slog.Logger) (*Work, error) {
	return w.begin(runID, func() error { return w.Check(ctx, log) })
}

func (w *Warehouse) begin(runID string, check func() error) (*Work, error) {
	if err := os.MkdirAll(filepath.Dir(w.Path), 0o700); err != nil {
		return nil, fmt.Errorf("warehouse folder: %w", err)
	}
	lock, err := acquire(w.Path + ".lock")
	if err != nil {
		return nil, err
	}
	wk := &Work{Path: w.Path + ".work-" + runID, wh: w, lock: lock, run: runID}
	if check != nil {
		if err := check(); err != nil {
			wk.Close()
			return nil, err
		}
	}
	if err := w.removeStale(); err != nil {
		wk.Close()
		return nil, err
	}
	if err := copyIfExists(w.Path, wk.Path); err != nil {
		wk.Close()
		return nil, fmt.Errorf("copy published warehouse: %w", err)
	}
	if err := copyIfExists(w.Path+".wal", wk.Path+".wal"); err != nil {
		wk.Close()
		return nil, fmt.Errorf("copy published warehouse log: %w", err)
	}
	return wk, nil
}

func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open run lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, fmt.Errorf("take run lock: %w", err)
	}
	return f, nil
}

func (w *Warehouse) removeStale() error {
	stale, err := filepath.Glob(w.Path + ".work-*")
	if err != nil {
		return err
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("remove stale working copy: %w", err)
		}
	}
	return nil
}

// swapIn flushes the working copy, drops the published file's seal and
// renames the copy over the published path in one step (Run.publish puts
// the site in force right after, then seals). The caller must have closed
// every connection to the copy (DuckDB checkpoints on close).
func (wk *Work) swapIn() error {
	if _, err := os.Stat(wk.Path + ".wal"); err == nil {
		return fmt.Errorf("working copy still has a write-ahead log: close every connection before publishing")
	}
	// The warehouse holds names and identity numbers: owner only,
	// whatever the umask (DuckDB creates a new file with 0644).
	if err := os.Chmod(wk.Path, ownerOnly); err != nil {
		return fmt.Errorf("restrict working copy: %w", err)
	}
	if err := syncFile(wk.Path); err != nil {
		return fmt.Errorf("flush working copy: %w", err)
	}
	if err := dropSeal(wk.wh.Path); err != nil {
		return err
	}
	if err := os.Rename(wk.Path, wk.wh.Path); err != nil {
		return fmt.Errorf("publish warehouse: %w", err)
	}
	return nil
}

// Close removes what is left of the working copy and releases the lock.
func (wk *Work) Close() error {
	err := errors.Join(removeIfExists(wk.Path), removeIfExists(wk.Path+".wal"))
	if wk.lock != nil {
		err = errors.Join(err, wk.lock.Close()) // closing releases the flock
		wk.lock = nil
	}
	return err
}

// ownerOnly is the mode of every file that holds personal data: the
// warehouse and its working copy, backups, the run history, a restricted
// export. Their folders are created 0700.
const ownerOnly = 0o600

// copyIfExists copies src to dst (created owner-only), as a copy-on-write clone where the file
// system supports it (btrfs, XFS), byte by byte elsewhere.
func copyIfExists(src, dst string) error {
	in, err := os.Open(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, ownerOnly)
	if err != nil {
		return err
	}
	if unix.IoctlFileClone(int(out.Fd()), int(in.Fd())) != nil {
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
	}
	return out.Close()
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("flush folder %s: %w", dir, err)
	}
	return nil
}
