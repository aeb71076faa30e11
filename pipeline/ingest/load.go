// Package ingest reads the office's input files, recognises their kind from
// the header row, validates every cell against the data contract and loads
// each file atomically into the raw layer of the warehouse.
package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Outcome is what became of a file, as audit.loads records it.
type Outcome string

// Outcomes of a file.
const (
	Loaded           Outcome = "loaded"
	SkippedDuplicate Outcome = "skipped_duplicate"
	Rejected         Outcome = "rejected"
)

// Result is what happened to one file.
type Result struct {
	LoadID      int64
	File        string // base name as it arrived
	Kind        string // empty when unrecognised
	Outcome     Outcome
	Rows        int64 // data rows read
	Quarantined int64 // rows with at least one broken rule
	Message     string
	columns     string // JSON: column key -> header as written
}

// Loader loads input files into the raw layer through one connection.
type Loader struct {
	Conn  *sql.Conn
	Log   *slog.Logger
	RunID string
	Now   func() time.Time // the clock; birth dates after it are rejected
	// Appender writes raw rows through DuckDB's appender instead of Arrow
	// record batches (slower; kept as the baseline of the benchmark and
	// for builds without the duckdb_arrow tag).
	Appender bool
	// Progress, when set, hears about a long file about once a second.
	Progress func(Progress)
	every    time.Duration // progress interval; tests shorten it
}

// LoadFile loads one file. It returns an error only when the warehouse
// fails; a file that cannot be loaded is a Result with outcome rejected.
// The file is never modified.
func (l *Loader) LoadFile(ctx context.Context, path string) (Result, error) {
	res := Result{File: filepath.Base(path)}
	sum, err := hashFile(path)
	if err != nil {
		res.Outcome, res.Message = Rejected, errRead(err).Message
		return res, l.record(ctx, &res, path, "", "")
	}
	if prev, ok, err := l.previous(ctx, sum); err != nil {
		return res, err
	} else if ok {
		res.Outcome, res.Kind = SkippedDuplicate, prev.Kind
		res.Message = fmt.Sprintf("与已装载的文件「%s」（装载号%d）内容相同，已跳过", prev.File, prev.LoadID)
		return res, l.record(ctx, &res, path, sum, "")
	}
	if res.LoadID, err = l.nextID(ctx); err != nil {
		return res, err
	}
	if _, err := l.Conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, fmt.Errorf("begin load: %w", err)
	}
	sheet, err := l.loadRows(ctx, path, &res)
	if err == nil {
		res.Outcome = Loaded
		err = l.record(ctx, &res, path, sum, sheet)
	}
	if err != nil {
		if _, rbErr := l.Conn.ExecContext(ctx, "ROLLBACK"); rbErr != nil {
			return res, fmt.Errorf("rollback load of %s: %w", res.File, rbErr)
		}
		if !IsReject(err) {
			return res, fmt.Errorf("load %s: %w", res.File, err)
		}
		res.Outcome, res.Message = Rejected, err.Error()
		res.Rows, res.Quarantined = 0, 0
		return res, l.record(ctx, &res, path, sum, sheet)
	}
	if _, err := l.Conn.ExecContext(ctx, "COMMIT"); err != nil {
		return res, fmt.Errorf("commit load of %s: %w", res.File, err)
	}
	return res, nil
}

// record writes the file's row of raw.load_log, assigning its load id.
func (l *Loader) record(ctx context.Context, res *Result, path, sum, sheet string) error {
	if res.LoadID == 0 {
		id, err := l.nextID(ctx)
		if err != nil {
			return err
		}
		res.LoadID = id
	}
	_, err := l.Conn.ExecContext(ctx, `INSERT INTO raw.load_log (load_id, run_id, file_name, path,
		sha256, kind, sheet, rows_total, rows_quarantined, outcome, message, loaded_at, columns)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		res.LoadID, l.RunID, res.File, path, nullable(sum), nullable(res.Kind), nullable(sheet),
		res.Rows, res.Quarantined, res.Outcome, nullable(res.Message), WallClock(l.Now()), nullable(res.columns))
	if err != nil {
		return fmt.Errorf("record load of %s: %w", res.File, err)
	}
	l.Log.Info("file", "file", res.File, "kind", res.Kind, "outcome", res.Outcome,
		"rows", res.Rows, "quarantined", res.Quarantined, "message", res.Message)
	return nil
}

func (l *Loader) nextID(ctx context.Context) (int64, error) {
	var id int64
	err := l.Conn.QueryRowContext(ctx, "SELECT coalesce(max(load_id), 0) + 1 FROM raw.load_log").Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("next load id: %w", err)
	}
	return id, nil
}

// previous finds an earlier successful load of the same bytes.
func (l *Loader) previous(ctx context.Context, sum string) (Result, bool, error) {
	var r Result
	err := l.Conn.QueryRowContext(ctx, `SELECT load_id, file_name, coalesce(kind, '') FROM raw.load_log
		WHERE sha256 = ? AND outcome = 'loaded' ORDER BY load_id LIMIT 1`, sum).Scan(&r.LoadID, &r.File, &r.Kind)
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("look up earlier loads: %w", err)
	}
	return r, true, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Files lists the input files under dir in load order (by path). Hidden
// files, Office lock files (~$...) and directories are skipped.
func Files(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && (name[0] == '.' || len(name) > 1 && name[:2] == "~$") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list inbox %s: %w", dir, err)
	}
	return out, nil // WalkDir visits in lexical order
}

// WallClock returns t's wall-clock reading in its own location as a UTC
// time, so a TIMESTAMP column shows the office's local time (北京时间)
// rather than UTC.
func WallClock(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// LoadDir loads every file under dir in path order. Each file is loaded in
// its own transaction; a rejected file does not stop the others.
func (l *Loader) LoadDir(ctx context.Context, dir string) ([]Result, error) {
	files, err := Files(dir)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(files))
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r, err := l.LoadFile(ctx, p)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}
