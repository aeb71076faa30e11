package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"
)

// deferCheckpoint keeps the build's commit from checkpointing: the run
// checkpoints once, after the data tests (checkpoint). By default DuckDB
// checkpoints at any commit whose log passes 16 MB, which the build's
// always does; the run's own checkpoint then paid again for the tables the
// tests and the quarantine touch. On the county's one new term the commit
// and the two checkpoints took 6.3 s, the commit and one checkpoint 4.5 s.
// The committed rows wait in the log and in memory meanwhile: at most the
// last, part-filled row group of each table the build wrote (the full
// ones are written to the file as the build goes).
func deferCheckpoint(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "SET checkpoint_threshold = '1TB'"); err != nil {
		return fmt.Errorf("defer checkpoint: %w", err)
	}
	return nil
}

// checkpoint writes everything committed into the file, so that it can be
// published alone, and restores DuckDB's own checkpoints.
func checkpoint(ctx context.Context, conn *sql.Conn, log *slog.Logger) error {
	t0 := time.Now()
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	log.Debug("checkpoint", "took", time.Since(t0))
	if _, err := conn.ExecContext(ctx, "RESET checkpoint_threshold"); err != nil {
		return fmt.Errorf("restore checkpoint threshold: %w", err)
	}
	return nil
}
