package pipeline

import (
	"log/slog"
	"time"

	"dropwatch/pipeline/ingest"
)

// EventKind says what an Event reports.
type EventKind string

// The kinds of event a run sends, in the order they come.
const (
	EventPhase     EventKind = "phase"     // a phase starts (Phase, Count, Path)
	EventProgress  EventKind = "progress"  // a long file's load, about once a second (Progress)
	EventFile      EventKind = "file"      // a file is done: loaded, skipped or rejected (File)
	EventModel     EventKind = "model"     // a model is built (Model, Took)
	EventPublished EventKind = "published" // the warehouse and site are in force (Path: the site's index; Workbooks, Reused)
)

// Phase is a step of a run.
type Phase string

// The phases, in order.
const (
	PhaseIngest  Phase = "ingest"
	PhaseBuild   Phase = "build"
	PhaseTests   Phase = "tests"
	PhaseReports Phase = "reports"
	PhasePublish Phase = "publish"
)

// Event is one thing a run reports as it goes. Run.Events hears every
// event; the run's logger is one more consumer of the same events (logEvent),
// so what the log says and what a program reads cannot drift apart. Events
// encode as JSON (dropwatch run --events).
type Event struct {
	Kind     EventKind        `json:"kind"`
	At       time.Time        `json:"at"`
	Phase    Phase            `json:"phase,omitempty"`
	Count    int              `json:"count,omitempty"` // build: models; tests: data tests
	Path     string           `json:"path,omitempty"`  // ingest: the inbox; published: the site's index
	File     *ingest.Result   `json:"file,omitempty"`
	Progress *ingest.Progress `json:"progress,omitempty"`
	Model    string           `json:"model,omitempty"`
	Took     time.Duration    `json:"took,omitempty"`
	Built    string           `json:"built,omitempty"` // model: whole, unchanged, or "years 2025,2026"
	Why      string           `json:"why,omitempty"`   // model rebuilt whole: an input that changed in every year
	// Workbooks are the site's .xlsx files (published); Reused of them
	// are the files of the release before, their inputs unchanged.
	Workbooks int `json:"workbooks,omitempty"`
	Reused    int `json:"reused,omitempty"`
}

// emit sends ev to the logger and to Run.Events.
func (r *Run) emit(log *slog.Logger, ev Event) {
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	logEvent(log, ev)
	if r.Events != nil {
		r.Events(ev)
	}
}

// logEvent is the logger's reading of an event.
func logEvent(log *slog.Logger, ev Event) {
	switch ev.Kind {
	case EventPhase:
		args := []any{"name", ev.Phase}
		switch ev.Phase {
		case PhaseIngest:
			args = append(args, "inbox", ev.Path)
		case PhaseBuild:
			args = append(args, "models", ev.Count)
		case PhaseTests:
			args = append(args, "tests", ev.Count)
		}
		log.Info("phase", args...)
	case EventFile:
		f := ev.File
		log.Info("file", "file", f.File, "kind", f.Kind, "outcome", f.Outcome,
			"rows", f.Rows, "quarantined", f.Quarantined, "skipped", f.Skipped, "message", f.Message)
	case EventModel:
		log.Debug("model", "name", ev.Model, "built", ev.Built, "why", ev.Why, "took", ev.Took)
	case EventPublished:
		log.Info("published", "site", ev.Path, "workbooks", ev.Workbooks, "reused", ev.Reused)
	}
}
