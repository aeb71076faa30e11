package ingest

import (
	"context"
	"fmt"
	"path/filepath"
)

// oneThread runs load with DuckDB on one thread, and puts the setting back
// after. A load hands DuckDB one record batch at a time, which one thread
// inserts: with more, the calling thread only spins while a worker
// inserts the batch, and that spinning (about a tenth of the CPU time of a
// county attendance file on two cores) takes a core from the reading and
// checking of the next batch. DuckDB's thread count is a setting of the
// database, not of the connection, so nothing else may run on the
// database meanwhile (a run loads its inbox before anything else).
func (l *Loader) oneThread(ctx context.Context, path string, load func() (Result, error)) (res Result, err error) {
	var n int
	if err := l.Conn.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&n); err != nil {
		return Result{File: filepath.Base(path)}, fmt.Errorf("read threads setting: %w", err)
	}
	if n <= 1 {
		return load()
	}
	if _, err := l.Conn.ExecContext(ctx, "SET threads = 1"); err != nil {
		return Result{File: filepath.Base(path)}, fmt.Errorf("set one thread for the load: %w", err)
	}
	defer func() {
		if _, rerr := l.Conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("SET threads = %d", n)); rerr != nil && err == nil {
			err = fmt.Errorf("restore threads setting %d: %w", n, rerr)
		}
	}()
	return load()
}
