package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Site is the published report folder. Each run renders a complete release
// into out/.releases/<run>/; out/.releases/current is a symbolic link to
// the release in force, and out/public and out/restricted are fixed links
// through it. Publishing swaps current in one rename, so a reader sees
// either the old site or the new one, never a mix, and a failed or killed
// run leaves the old site as it was.
type Site struct {
	Out string
}

// Tiers are the folders of a release, each published as out/<tier>.
var Tiers = []string{"public", "restricted"}

const keepReleases = 2 // the one in force and the one before it

func (s *Site) releases() string { return filepath.Join(s.Out, ".releases") }

// Stage returns an empty folder for the run's release.
func (s *Site) Stage(runID string) (string, error) {
	dir := filepath.Join(s.releases(), runID+".tmp")
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("clear staging folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	return dir, nil
}

// current returns the folder of the release in force, or "" when nothing
// is published yet.
func (s *Site) current() (string, error) {
	cur, err := os.Readlink(filepath.Join(s.releases(), "current"))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the release in force: %w", err)
	}
	return filepath.Join(s.releases(), cur), nil
}

// Discard removes a staged release that will not be published.
func (s *Site) Discard(staged string) error { return os.RemoveAll(staged) }

func (s *Site) ensureTierLinks() error {
	for _, tier := range Tiers {
		link := filepath.Join(s.Out, tier)
		target := filepath.Join(".releases", "current", tier)
		got, err := os.Readlink(link)
		switch {
		case err == nil && got == target:
			continue
		case err == nil || errors.Is(err, os.ErrNotExist):
			_ = os.Remove(link)
			if err := os.Symlink(target, link); err != nil {
				return fmt.Errorf("link %s: %w", tier, err)
			}
		default:
			return fmt.Errorf("%s exists and is not a link made by dropwatch: move it away and run again: %w", link, err)
		}
	}
	return syncDir(s.Out)
}

// prune removes releases other than the newest ones and leftovers of
// killed runs.
func (s *Site) prune(current string) error {
	entries, err := os.ReadDir(s.releases())
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case n == "current" || n == current:
		case strings.HasSuffix(n, ".tmp") || n == "current.next":
			names = append(names, n) // sorts before nothing; removed below
		case e.IsDir():
			names = append(names, n)
		}
	}
	sort.Strings(names) // run ids sort by time
	var errs []error
	for i, n := range names {
		if !strings.HasSuffix(n, ".tmp") && i >= len(names)-(keepReleases-1) {
			continue
		}
		errs = append(errs, os.RemoveAll(filepath.Join(s.releases(), n)))
	}
	return errors.Join(errs...)
}

func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		return syncFile(p)
	})
}

// lock takes the report folder's lock (out/.releases/.lock) for a run: the
// warehouse's lock does not cover two runs with different warehouses and
// one out folder, which would otherwise remove each other's releases.
func (s *Site) lock() (*os.File, error) {
	if err := os.MkdirAll(s.releases(), 0o755); err != nil {
		return nil, fmt.Errorf("create releases folder: %w", err)
	}
	f, err := acquire(filepath.Join(s.releases(), ".lock"))
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("报表文件夹 %s 正被另一个运行使用（可能用的是另一个数据仓库）：等它结束后再运行；两个数据仓库须各用各的报表文件夹（paths.out） / "+
			"the report folder is in use by another run: %w", s.Out, err)
	}
	return f, err
}
