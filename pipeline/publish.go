package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// publish puts the run's warehouse and site in force together. Everything
// that takes time or can fail happens first: the release is flushed and
// moved to its final folder, the tier links are checked and the next
// "current" link is made. Then two renames, back to back, switch the
// warehouse and the site, and only then are the folders flushed, the
// warehouse sealed and old releases pruned. A kill leaves the old pair or
// the new pair; only one landing between the two rename system calls
// (microseconds) leaves the new warehouse with the previous site, until
// the next run. Once both are switched the run has published: a failure
// of the steps after it is logged, not returned.
func (r *Run) publish(wk *Work, site *Site, staged, runID string, log *slog.Logger) error {
	next, err := site.prepare(staged, runID)
	if err != nil {
		return err
	}
	if err := wk.swapIn(); err != nil {
		site.Discard(filepath.Join(site.releases(), runID))
		return err
	}
	if err := site.swap(next); err != nil {
		return err
	}
	err = syncDir(filepath.Dir(wk.wh.Path))
	if err == nil {
		// Without a seal the next start relies on DuckDB's own checks.
		err = writeSeal(wk.wh.Path, runID, wk.inputs, time.Now())
	}
	if err = errors.Join(err, site.finish(runID)); err != nil {
		log.Warn("published, but flushing, sealing or pruning failed", "err", err)
	}
	return nil
}

// prepare makes a staged release ready to be put in force by one rename:
// flushed, moved to its final folder, the tier links in place and the link
// current.next pointing at it. It returns that link. On failure nothing
// of the release is left.
func (s *Site) prepare(staged, runID string) (string, error) {
	if err := syncTree(staged); err != nil {
		s.Discard(staged)
		return "", fmt.Errorf("flush release: %w", err)
	}
	final := filepath.Join(s.releases(), runID)
	if err := os.Rename(staged, final); err != nil {
		s.Discard(staged)
		return "", fmt.Errorf("finish release: %w", err)
	}
	next := filepath.Join(s.releases(), "current.next")
	err := s.ensureTierLinks()
	if err == nil {
		_ = os.Remove(next)
		err = os.Symlink(runID, next)
	}
	if err == nil {
		err = syncDir(s.releases())
	}
	if err != nil {
		return "", errors.Join(fmt.Errorf("link release: %w", err), s.Discard(final))
	}
	return next, nil
}

// swap puts the prepared release in force.
func (s *Site) swap(next string) error {
	if err := os.Rename(next, filepath.Join(s.releases(), "current")); err != nil {
		return fmt.Errorf("publish release: %w", err)
	}
	return nil
}

// finish flushes the swap and removes releases no longer kept.
func (s *Site) finish(runID string) error {
	if err := syncDir(s.releases()); err != nil {
		return err
	}
	return s.prune(runID)
}
