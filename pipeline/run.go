// Package pipeline runs dropwatch: it loads the inbox into a working copy
// of the warehouse, builds the SQL models, runs the data tests, renders the
// reports from a read-only handle and publishes warehouse and site only
// when every step succeeded.
package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"time"

	"dropwatch/pipeline/ingest"
	"dropwatch/pipeline/models"
	"dropwatch/reports"
)

// Run is one run of the pipeline.
type Run struct {
	Config Config
	SQL    fs.FS // the model files (dropwatch.SQL(), or os.DirFS("sql") in development)
	Log    *slog.Logger
	Now    func() time.Time // the clock; time.Now when nil
	// Events, when set, hears every event of the run: phases, files,
	// models, long files' progress, the publish (events.go).
	Events func(Event)
	// Full rebuilds and publishes even when nothing changed since the last
	// publish (dropwatch run --full).
	Full bool
}

// Result is what a successful run did.
type Result struct {
	RunID     string
	Files     []ingest.Result
	Tests     []models.TestResult
	Warehouse string // the published warehouse
	Index     string // the published dashboard page
	// Unchanged is set when the run found nothing new since the last
	// publish (inbox, models, settings, program and alerts as they were)
	// and so built and published nothing.
	Unchanged bool
	children  int64 // roster and household rows of the build
}

// Execute runs ingest, build, tests and reports on a working copy, then
// publishes. On any error nothing published changes; a full disk gives a
// *DiskFullError, a damaged published warehouse a *DamagedError (also when
// the damage shows only as a block failing its checksum mid-run), DuckDB
// running out of memory a *MemoryError.
func (r *Run) Execute(ctx context.Context) (*Result, error) {
	res, err := r.execute(ctx)
	if err != nil {
		return nil, r.explain(r.diskFull(err))
	}
	return res, nil
}

// execute is Execute before a full disk is explained.
func (r *Run) execute(ctx context.Context) (*Result, error) {
	now, err := r.clock()
	if err != nil {
		return nil, err
	}
	project, err := models.Load(r.SQL)
	if err != nil {
		return nil, fmt.Errorf("load models: %w", err)
	}
	declareSettings(project)
	if project.Key, err = r.buildKey(); err != nil {
		return nil, err
	}
	project.Whole = r.Full
	if err := checkInbox(r.Config.Paths.Inbox); err != nil {
		return nil, err
	}
	started := now()
	res := &Result{RunID: newRunID(started), Warehouse: r.Config.Paths.Warehouse}
	log := r.Log.With("run", res.RunID)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	site := &Site{Out: r.Config.Paths.Out}
	index := filepath.Join(site.Out, "public", "index.html")
	alerts := jobAlerts(r.Config.Paths.Warehouse) // read once: the fingerprint and the footers
	inputs, err := r.inputs(project.Key, alerts)
	if err != nil {
		return nil, err
	}
	if !r.Full {
		if same, err := wh.unchanged(inputs, index); err != nil || same {
			res.Unchanged, res.Index = same, index
			if same {
				log.Info("nothing new", "detail", NothingNew)
			}
			return res, err
		}
	}
	wk, err := wh.BeginChecked(ctx, res.RunID, log)
	if err != nil {
		return nil, err
	}
	defer wk.Close()
	wk.inputs = inputs
	siteLock, err := site.lock()
	if err != nil {
		return nil, err
	}
	defer siteLock.Close()
	if err := r.build(ctx, wk.Path, project, res, now, log); err != nil {
		return nil, err
	}
	r.emit(log, Event{Kind: EventPhase, Phase: PhaseReports})
	staged, built, err := r.render(ctx, site, wk.Path, res.RunID, project.Key, alerts, started, now())
	if err != nil {
		return nil, err
	}
	err = writeManifest(staged, manifest{Run: res.RunID, Children: res.children})
	if err == nil {
		err = site.guardEmpty(res.children, r.Config.Paths.Inbox)
	}
	if err != nil {
		site.Discard(staged)
		return nil, err
	}
	r.emit(log, Event{Kind: EventPhase, Phase: PhasePublish})
	if err := r.publish(wk, site, staged, res.RunID, log); err != nil {
		return nil, err
	}
	res.Index = index
	r.emit(log, Event{Kind: EventPublished, Path: res.Index, Workbooks: len(built.Workbooks), Reused: len(built.Reused)})
	return res, nil
}

func (r *Run) clock() (func() time.Time, error) {
	loc, err := r.Config.Location()
	if err != nil {
		return nil, err
	}
	base := r.Now
	if base == nil {
		base = time.Now
	}
	return func() time.Time { return base().In(loc) }, nil
}

// build loads the inbox, builds the models and runs the data tests in the
// working copy, then closes it so DuckDB checkpoints.
func (r *Run) build(ctx context.Context, path string, p *models.Project, res *Result, now func() time.Time, log *slog.Logger) (err error) {
	db, err := openDB(path, r.Config.DuckDB, false)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close working copy: %w", cerr)
		}
	}()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect working copy: %w", err)
	}
	defer conn.Close()
	if err := ingest.EnsureRaw(ctx, conn); err != nil {
		return err
	}
	r.emit(log, Event{Kind: EventPhase, Phase: PhaseIngest, Path: r.Config.Paths.Inbox})
	loader := &ingest.Loader{Conn: conn, Log: log, RunID: res.RunID, Now: now,
		Progress: func(pr ingest.Progress) { r.emit(log, Event{Kind: EventProgress, Progress: &pr}) },
		Done:     func(f ingest.Result) { r.emit(log, Event{Kind: EventFile, File: &f}) }}
	if res.Files, err = loader.LoadDir(ctx, r.Config.Paths.Inbox); err != nil {
		return err
	}
	r.emit(log, Event{Kind: EventPhase, Phase: PhaseBuild, Count: len(p.Models)})
	p.Observe = func(b models.Built) {
		r.emit(log, Event{Kind: EventModel, Model: b.Model, Took: b.Took, Built: b.How, Why: b.Why})
	}
	if err := writeSettings(ctx, conn, r.Config); err != nil {
		return err
	}
	if err := deferCheckpoint(ctx, conn); err != nil {
		return err
	}
	if err := p.Build(ctx, conn, log); err != nil {
		return err
	}
	r.emit(log, Event{Kind: EventPhase, Phase: PhaseTests, Count: len(p.Tests)})
	if res.Tests, err = p.RunTests(ctx, conn, res.RunID, ingest.WallClock(now())); err != nil {
		return err
	}
	if failed := failedTests(res.Tests); len(failed) > 0 {
		return &TestsFailedError{Failed: failed}
	}
	if res.children, err = countChildren(ctx, conn); err != nil {
		return err
	}
	if err := settleQuarantine(ctx, conn, res.Files); err != nil {
		return err
	}
	return checkpoint(ctx, conn, log)
}

// render writes the site from a read-only handle on the working copy;
// alerts go into every footer; started is the run's start (the quality page lists the files this run
// skipped or rejected). Workbooks whose inputs are those of the release in
// force are taken from it (reports.Options.Previous) unless the run is
// --full; key, the build key, stands for the program that renders.
func (r *Run) render(ctx context.Context, site *Site, path, runID, key string, alerts []string, started, now time.Time) (string, *reports.Site, error) {
	previous, err := site.current()
	if err != nil || r.Full {
		previous = "" // --full, or an unreadable link: render everything
	}
	staged, err := site.Stage(runID)
	if err != nil {
		return "", nil, err
	}
	db, err := openDB(path, r.Config.DuckDB, true)
	if err != nil {
		site.Discard(staged)
		return "", nil, err
	}
	defer db.Close()
	opt := reports.Options{TownName: r.Config.Town.Name, TownCode: r.Config.Town.Code, Issuer: r.Config.Town.Issuer(),
		RunID: runID, Generated: now, Alerts: alerts, RunStarted: ingest.WallClock(started),
		Program: key, Previous: previous}
	built, err := reports.Build(ctx, db, staged, opt)
	if err != nil {
		site.Discard(staged)
		return "", nil, fmt.Errorf("build reports: %w", err)
	}
	return staged, built, nil
}

func failedTests(results []models.TestResult) []models.TestResult {
	var out []models.TestResult
	for _, t := range results {
		if t.Failed() {
			out = append(out, t)
		}
	}
	return out
}

// newRunID names a run by its start time and a random suffix; ids sort by
// time.
func newRunID(t time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return t.Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}
