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
	Skipped     int64 // rows read but not loaded: unvisited rows of a 核查反馈 (neither loaded nor quarantined)
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
	// Done, when set, hears of every file when it is done (loaded,
	// skipped or rejected) and the loader does not log it: the caller's
	// event stream does.
	Done  func(Result)
	every time.Duration // progress interval; tests shorten it
	// noLane reads every row through the validator's general path (tests
	// compare the two; lane.go).
	noLane bool
	// afterHash, when set, is called between hashing a file and reading
	// its rows (tests rewrite the file there).
	afterHash func(path string)
}

// LoadFile loads one file. It returns an error only when the warehouse
// fails; a file that cannot be loaded is a Result with outcome rejected.
// The file is never modified.
//
// The file is opened once (openInput), hashed and read through that one
// descriptor, and its size and times are compared before and after: a
// file written meanwhile (a clerk copying a corrected version over it
// during a run) is rolled back and read again, so the hash recorded is
// always that of the bytes loaded.
func (l *Loader) LoadFile(ctx context.Context, path string) (Result, error) {
	return l.oneThread(ctx, path, func() (Result, error) {
		for attempt := 1; ; attempt++ {
			res, changed, err := l.loadOnce(ctx, path)
			if err != nil || !changed {
				return res, err
			}
			l.Log.Warn("file changed while it was read; reading it again", "file", res.File, "attempt", attempt)
			if attempt == rereads {
				res = Result{File: res.File, Outcome: Rejected, Message: errRewritten(rereads).Message}
				return res, l.record(ctx, &res, path, "", "")
			}
		}
	})
}

// loadOnce reads the file once; changed says it was written meanwhile and
// nothing of this reading was kept.
func (l *Loader) loadOnce(ctx context.Context, path string) (res Result, changed bool, err error) {
	res = Result{File: filepath.Base(path)}
	f, st, err := openInput(path)
	if err != nil {
		res.Outcome, res.Message = Rejected, err.Error()
		return res, false, l.record(ctx, &res, path, "", "")
	}
	defer f.Close()
	before := stampOf(st)
	sum, err := hashOpen(f)
	if err != nil {
		res.Outcome, res.Message = Rejected, errRead(err).Message
		return res, false, l.record(ctx, &res, path, "", "")
	}
	if l.afterHash != nil {
		l.afterHash(path)
	}
	if prev, ok, err := l.previous(ctx, sum); err != nil {
		return res, false, err
	} else if ok {
		if changedSince(f, before) {
			return res, true, nil
		}
		res.Outcome, res.Kind = SkippedDuplicate, prev.Kind
		res.Message = fmt.Sprintf("与已装载的文件「%s」（装载号%d）内容相同，已跳过", prev.File, prev.LoadID)
		return res, false, l.record(ctx, &res, path, sum, "")
	}
	if res.LoadID, err = l.nextID(ctx); err != nil {
		return res, false, err
	}
	if _, err := l.Conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, false, fmt.Errorf("begin load: %w", err)
	}
	sheet, err := l.loadRows(ctx, f, path, &res)
	if changedSince(f, before) {
		if _, rbErr := l.Conn.ExecContext(ctx, "ROLLBACK"); rbErr != nil {
			return res, false, fmt.Errorf("rollback load of %s: %w", res.File, rbErr)
		}
		return res, true, nil
	}
	if err == nil {
		res.Outcome = Loaded
		err = l.record(ctx, &res, path, sum, sheet)
	}
	if err != nil {
		if _, rbErr := l.Conn.ExecContext(ctx, "ROLLBACK"); rbErr != nil {
			return res, false, fmt.Errorf("rollback load of %s: %w", res.File, rbErr)
		}
		if !IsReject(err) {
			return res, false, fmt.Errorf("load %s: %w", res.File, err)
		}
		res.Outcome, res.Message = Rejected, err.Error()
		res.Rows, res.Quarantined, res.Skipped = 0, 0, 0
		return res, false, l.record(ctx, &res, path, sum, sheet)
	}
	if _, err := l.Conn.ExecContext(ctx, "COMMIT"); err != nil {
		return res, false, fmt.Errorf("commit load of %s: %w", res.File, err)
	}
	return res, false, nil
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
		sha256, kind, sheet, rows_total, rows_quarantined, rows_skipped, outcome, message, loaded_at, columns)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		res.LoadID, l.RunID, res.File, path, nullable(sum), nullable(res.Kind), nullable(sheet),
		res.Rows, res.Quarantined, res.Skipped, res.Outcome, nullable(res.Message), WallClock(l.Now()), nullable(res.columns))
	if err != nil {
		return fmt.Errorf("record load of %s: %w", res.File, err)
	}
	if l.Done != nil {
		l.Done(*res)
		return nil
	}
	l.Log.Info("file", "file", res.File, "kind", res.Kind, "outcome", res.Outcome,
		"rows", res.Rows, "quarantined", res.Quarantined, "skipped", res.Skipped, "message", res.Message)
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

// Entry is one inbox entry to load: a file, or a subfolder that could not
// be read (Err set).
type Entry struct {
	Path string
	Err  error
}

// Files lists the inbox entries under dir in load order (by path). Hidden
// entries and Office lock files (~$...) are skipped. Every other entry
// that is not a folder is listed, regular or not, so the load log says why
// a link, a pipe or a device was not read (LoadFile rejects them); a
// subfolder that cannot be read is listed with its error instead of
// stopping the run. Only an inbox that cannot be read at all is an error.
func Files(dir string) ([]Entry, error) {
	var out []Entry
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			out = append(out, Entry{Path: p, Err: err})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != dir && (name[0] == '.' || len(name) > 1 && name[:2] == "~$") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			out = append(out, Entry{Path: p})
		}
		return nil
	})
	if err != nil {
		return nil, &InboxError{Dir: dir, Err: err}
	}
	return out, nil // WalkDir visits in lexical order
}

// InboxError says the inbox itself cannot be read.
type InboxError struct {
	Dir string
	Err error
}

func (e *InboxError) Error() string {
	return fmt.Sprintf("收件箱 %s 无法读取，未装载任何文件：请检查配置中的 paths.inbox 是否存在、所在磁盘是否已挂载、运行账户能否读取 / cannot read the inbox: %v", e.Dir, e.Err)
}

// Unwrap returns the file system's error.
func (e *InboxError) Unwrap() error { return e.Err }

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
	for _, e := range files {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if e.Err != nil {
			res := Result{File: filepath.Base(e.Path), Outcome: Rejected,
				Message: fmt.Sprintf("文件夹无法读取（%v），其中的文件都未装载：请检查该文件夹的权限，或把文件移到收件箱中可读的位置", e.Err)}
			if err := l.record(ctx, &res, e.Path, "", ""); err != nil {
				return out, err
			}
			out = append(out, res)
			continue
		}
		r, err := l.LoadFile(ctx, e.Path)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}
