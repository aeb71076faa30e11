package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// inputsVersion changes when what the fingerprint covers changes, so a
// warehouse sealed by an older dropwatch is rebuilt once.
const inputsVersion = "inputs-v2"

// inputs is the fingerprint of everything a build reads: the inbox (each
// entry's name, size, modification and change times and inode: a file
// copied over another changes its change time even when size and mtime
// are kept), the build key (the SQL models, the settings, the program
// itself: buildKey), and the alerts the report footers would show. The
// build depends on no clock (the as-of date is the day of the latest
// load), so equal fingerprints mean an equal warehouse and site: a run
// finding the fingerprint of the last publish in the seal has nothing to
// do. Listing the inbox costs a stat per file, not a read.
func (r *Run) inputs(key string, alerts []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", inputsVersion)
	if err := hashInbox(h, r.Config.Paths.Inbox); err != nil {
		return "", err
	}
	fmt.Fprintf(h, "build %s\n", key)
	for _, a := range alerts {
		fmt.Fprintf(h, "alert %s\n", a)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildKey is the fingerprint of what the models compute from the raw
// layer: the SQL files, the settings (but not the paths) and the program.
// A build under the key of the warehouse's last build rebuilds only what
// new loads touch (models.Project.Key).
func (r *Run) buildKey() (string, error) {
	h := sha256.New()
	if err := hashFS(h, r.SQL); err != nil {
		return "", fmt.Errorf("fingerprint models: %w", err)
	}
	c := r.Config
	c.Paths = Paths{} // where the files live does not change what the models compute
	fmt.Fprintf(h, "config\n%s\n", c.TOML())
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "program %d %d\n", st.Size(), st.ModTime().UnixNano())
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashInbox adds one line per inbox entry (hidden names included: the
// loader decides what to skip, the fingerprint only notices change). An
// entry that cannot be read is fingerprinted by its error, as the loader
// reports it, rather than stopping the run.
func hashInbox(h hash.Hash, inbox string) error {
	err := filepath.WalkDir(inbox, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(inbox, path)
		if err != nil && path != inbox {
			fmt.Fprintf(h, "unreadable %q %v\n", rel, err)
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			return err
		}
		fi, err := os.Lstat(path)
		if err != nil {
			fmt.Fprintf(h, "unreadable %q %v\n", rel, err)
			return nil
		}
		var ino, ctime int64
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			ino, ctime = int64(st.Ino), st.Ctim.Nano()
		}
		fmt.Fprintf(h, "file %q %v %d %d %d %d\n", rel, fi.Mode(), fi.Size(), fi.ModTime().UnixNano(), ctime, ino)
		return nil
	})
	if err != nil {
		return fmt.Errorf("fingerprint inbox: %w", err)
	}
	return nil
}

// hashFS adds every file of fsys, by name and content.
func hashFS(h hash.Hash, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "sql %q %d\n", path, len(b))
		h.Write(b)
		return nil
	})
}

// unchanged reports whether the published warehouse and site were built
// from exactly these inputs: the seal carries the same fingerprint, the
// published file still has the sealed size, and the site's index exists.
// It holds the run lock while it looks, so it never sees a publish half
// done.
func (w *Warehouse) unchanged(inputs, index string) (bool, error) {
	if _, err := os.Stat(w.Path); err != nil {
		return false, nil
	}
	lock, err := acquire(w.Path + ".lock")
	if err != nil {
		return false, err
	}
	defer lock.Close()
	s, err := readSeal(w.Path)
	if err != nil || s == nil || s.Inputs == "" || s.Inputs != inputs {
		return false, nil
	}
	st, err := os.Stat(w.Path)
	if err != nil || st.Size() != s.Size {
		return false, nil
	}
	if _, err := os.Stat(index); err != nil {
		return false, nil
	}
	return true, nil
}

// NothingNew is the message of a run that found nothing to do.
const NothingNew = "没有新文件，模型与设置也未改变：已发布的数据仓库和报表保持不变 / nothing new: the published warehouse and reports stay as they are"
