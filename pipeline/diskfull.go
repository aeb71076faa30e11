package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// DiskFullError says a run stopped because a disk filled up. Nothing
// published changed: a run writes only its working copy, the DuckDB temp
// directory and its staged release until everything succeeded.
type DiskFullError struct {
	Dir  string // the folder on the full disk
	Free uint64 // bytes free there now, after the run removed its working files
	Need int64  // the published warehouse's size; a run needs room for a copy and its growth
	Err  error
}

// Error is the message for the clerk: the disk, what to do, the cause.
func (e *DiskFullError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "磁盘空间不足，运行已停止，已发布的数据仓库和报表未改动 / disk full: the run stopped; nothing published changed\n")
	fmt.Fprintf(&b, "  满的磁盘 / full disk: 存放 %s 的磁盘，现剩 %s / the disk holding %s, %s free now\n",
		e.Dir, size(int64(e.Free)), e.Dir, size(int64(e.Free)))
	fmt.Fprintf(&b, "  处理 / what to do: 清理该磁盘，或在配置文件中把数据仓库（paths.warehouse）或临时目录（duckdb.temp_dir）移到空间更大的磁盘，然后重新运行；"+
		"运行需要至少两倍于数据仓库（%s）的空闲空间 / free space on it, or move the warehouse (paths.warehouse) or the DuckDB temp directory "+
		"(duckdb.temp_dir) to a bigger disk in the config file, then run again; a run needs free space of at least twice the warehouse (%s)\n",
		size(e.Need), size(e.Need))
	fmt.Fprintf(&b, "  原因 / cause: %v", e.Err)
	return b.String()
}

// Unwrap returns the failed write's error.
func (e *DiskFullError) Unwrap() error { return e.Err }

// IsDiskFull reports whether err says a disk is full: ENOSPC from the file
// system, or DuckDB's message for it.
func IsDiskFull(err error) bool {
	return err != nil && (errors.Is(err, syscall.ENOSPC) ||
		strings.Contains(strings.ToLower(err.Error()), "no space left on device") || tempDirFull(err))
}

// tempDirFull reports whether err is DuckDB failing to spill to its temp
// directory because that disk is full. DuckDB calls it "Out of Memory
// Error: failed to offload data block" and blames max_temp_directory_size,
// which by default is the free space of the temp directory's disk.
func tempDirFull(err error) bool {
	return strings.Contains(err.Error(), "max_temp_directory_size")
}

// diskFull turns a disk-full error into a *DiskFullError naming the full
// disk's folder; other errors pass unchanged.
func (r *Run) diskFull(err error) error {
	var already *DiskFullError
	if !IsDiskFull(err) || errors.As(err, &already) {
		return err
	}
	e := &DiskFullError{Err: err, Dir: failedDir(err)}
	if tempDirFull(err) {
		e.Dir = r.candidateDirs()[1]
	}
	if st, serr := os.Stat(r.Config.Paths.Warehouse); serr == nil {
		e.Need = st.Size()
	}
	if e.Dir == "" {
		e.Dir = fullest(r.candidateDirs())
	}
	e.Free = freeBytes(e.Dir)
	return e
}

// quoted finds a path in a DuckDB message: Could not write file "/x/y": ...
var quoted = regexp.MustCompile(`"(/[^"]+)"`)

// failedDir is the folder of the file the failed write went to, when the
// error names it.
func failedDir(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return absPath(filepath.Dir(pe.Path))
	}
	if m := quoted.FindStringSubmatch(err.Error()); m != nil {
		return absPath(filepath.Dir(m[1]))
	}
	return ""
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// candidateDirs are the folders a run writes to.
func (r *Run) candidateDirs() []string {
	wh := filepath.Dir(r.Config.Paths.Warehouse)
	tmp := r.Config.DuckDB.TempDir
	if tmp == "" {
		tmp = filepath.Join(wh, ".tmp")
	}
	return []string{absPath(wh), absPath(tmp), absPath(r.Config.Paths.Out)}
}

// fullest is the folder with the least free space.
func fullest(dirs []string) string {
	best, bestFree := dirs[0], ^uint64(0)
	for _, d := range dirs {
		if f := freeBytes(d); f < bestFree {
			best, bestFree = d, f
		}
	}
	return best
}

// freeBytes is the space an unprivileged writer has left on the disk
// holding dir (or its nearest existing parent).
func freeBytes(dir string) uint64 {
	for {
		var st unix.Statfs_t
		if err := unix.Statfs(dir, &st); err == nil {
			return st.Bavail * uint64(st.Bsize)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return 0
		}
		dir = parent
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KB", n>>10)
	}
}
