package pipeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// History events. A run writes "start" when its first attempt begins,
// "retry" after each failed attempt it will try again, and "end" when it is
// over; a trigger skipped because the job was still running writes only an
// "end" with outcome "skipped". A start without an end is a run in progress
// or one whose process died; the next daemon start closes the latter with
// outcome "failed" and error "interrupted".
const (
	EventStart = "start"
	EventRetry = "retry"
	EventEnd   = "end"
)

// RunOutcome is how a run ended, on its end event.
type RunOutcome string

// Outcomes of a run.
const (
	OutcomeOK      RunOutcome = "ok"
	OutcomeFailed  RunOutcome = "failed"
	OutcomeSkipped RunOutcome = "skipped"
)

// HistoryEvent is one line of the run history (history.jsonl). Every end
// event repeats the run's job, trigger, scheduled and start times, so the
// end events alone are the table of finished runs.
type HistoryEvent struct {
	Event       string     `json:"event"`                  // start, retry or end
	Run         string     `json:"run"`                    // id shared by the events of one run
	Job         string     `json:"job"`                    // job name in the calendar
	Trigger     string     `json:"trigger,omitempty"`      // schedule, catch-up or manual
	Scheduled   time.Time  `json:"scheduled"`              // the calendar time the run is for
	Started     time.Time  `json:"started"`                // when its first attempt began
	Ended       *time.Time `json:"ended,omitempty"`        // end events: when it was over
	Outcome     RunOutcome `json:"outcome,omitempty"`      // end events: ok, failed or skipped
	Error       string     `json:"error,omitempty"`        // the last error of a failed run or attempt
	Attempt     int        `json:"attempt,omitempty"`      // retry: the attempt that failed; end: attempts made
	Files       *int       `json:"files,omitempty"`        // end events: inbox files newly loaded
	PipelineRun string     `json:"pipeline_run,omitempty"` // id of the pipeline run it published
	Detail      string     `json:"detail,omitempty"`       // what the job found or wrote
	PID         int        `json:"pid,omitempty"`          // start events: the process running it
	Boot        string     `json:"boot,omitempty"`         // start events: the machine's boot id
}

// Finished reports whether the event closes a run.
func (e HistoryEvent) Finished() bool { return e.Event == EventEnd }

// HistoryPath is where the run history of a warehouse lives: history.jsonl
// in the warehouse's folder, outside the file every run replaces.
func HistoryPath(warehouse string) string {
	return filepath.Join(filepath.Dir(warehouse), "history.jsonl")
}

// History is the append-only run history, a JSON Lines file. Each event is
// one write of one line with O_APPEND, flushed to disk before Append
// returns, so concurrent writers never interleave and a power cut loses at
// most the line being written. DuckDB reads it directly:
// SELECT * FROM read_json('history.jsonl') WHERE event = 'end'.
type History struct {
	Path string
	mu   sync.Mutex
}

// Append writes one event.
func (h *History) Append(ev HistoryEvent) error {
	line, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode history event: %w", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(h.Path), 0o700); err != nil {
		return fmt.Errorf("history folder: %w", err)
	}
	f, err := os.OpenFile(h.Path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, ownerOnly)
	if err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	if torn, err := endsTorn(h.Path); err == nil && torn {
		line = append([]byte("\n"), line...) // never glue onto a half-written line
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write history: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("flush history: %w", err)
	}
	return f.Close()
}

// endsTorn reports whether a non-empty file lacks a final newline.
func endsTorn(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false, err
	}
	var b [1]byte
	if _, err := f.ReadAt(b[:], fi.Size()-1); err != nil {
		return false, err
	}
	return b[0] != '\n', nil
}

// Read returns every event in file order. A missing file is an empty
// history; lines that are not events (a line cut by a power failure) are
// skipped.
func (h *History) Read() ([]HistoryEvent, error) {
	f, err := os.Open(h.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open history: %w", err)
	}
	defer f.Close()
	return readEvents(f)
}

// maxHistoryLine bounds one line of the history; a longer line (nothing
// dropwatch writes, but a hand edit or a damaged file) is skipped, not
// fatal: serve reads the history at every start.
const maxHistoryLine = 4 << 20

func readEvents(r io.Reader) ([]HistoryEvent, error) {
	var out []HistoryEvent
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			tooLong = len(line) > maxHistoryLine
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read history: %w", err)
		}
		var ev HistoryEvent
		if t := bytes.TrimSpace(line); !tooLong && len(t) > 0 && json.Unmarshal(t, &ev) == nil && ev.Job != "" {
			out = append(out, ev)
		}
		line, tooLong = line[:0], false
		if err == io.EOF {
			return out, nil
		}
	}
}

// Runs folds events into one event per run, oldest start first: the end
// event of a finished run, the start event of one that has none.
func Runs(events []HistoryEvent) []HistoryEvent {
	byRun := map[string]int{}
	var out []HistoryEvent
	for _, ev := range events {
		if ev.Event == EventRetry {
			continue
		}
		i, seen := byRun[ev.Run]
		switch {
		case !seen:
			byRun[ev.Run] = len(out)
			out = append(out, ev)
		case ev.Finished():
			out[i] = ev
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started.Before(out[j].Started) })
	return out
}

// Unfinished returns the start events that have no end: runs in progress,
// or runs whose process died.
func Unfinished(events []HistoryEvent) []HistoryEvent {
	var out []HistoryEvent
	for _, r := range Runs(events) {
		if !r.Finished() {
			out = append(out, r)
		}
	}
	return out
}

// LatestByJob returns each job's most recent run, finished or not;
// triggers skipped because the job was still running are not runs.
func LatestByJob(events []HistoryEvent) map[string]HistoryEvent {
	out := map[string]HistoryEvent{}
	for _, r := range Runs(events) {
		if r.Outcome != OutcomeSkipped {
			out[r.Job] = r
		}
	}
	return out
}
