package schedules

import (
	"context"
	"fmt"
	"time"

	"dropwatch/pipeline"
	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/ingest"
)

// outcome is what one attempt of a job did, for the history.
type outcome struct {
	files       *int
	pipelineRun string
	detail      string
}

// attempt does the job's action once. A panic is an error, not a dead
// daemon.
func (r *Runner) attempt(ctx context.Context, job Job, t Trigger) (out outcome, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job %s panicked: %v", job.Name, p)
		}
	}()
	switch job.Action {
	case ActionRun:
		return r.runPipeline(ctx)
	case ActionHandoff:
		if out, err = r.runPipeline(ctx); err != nil {
			return out, err
		}
		out.detail, err = r.handoffMisses(ctx, t.Scheduled.In(r.loc))
		return out, err
	case ActionBackup:
		return r.backup(job)
	}
	return out, fmt.Errorf("unknown action %q", job.Action)
}

// runPipeline ingests, builds, tests and publishes.
func (r *Runner) runPipeline(ctx context.Context) (outcome, error) {
	res, err := r.Pipeline(ctx)
	if err != nil {
		return outcome{}, err
	}
	loaded := 0
	for _, f := range res.Files {
		if f.Outcome == ingest.Loaded {
			loaded++
		}
	}
	if res.Unchanged {
		return outcome{files: &loaded, detail: pipeline.NothingNew}, nil
	}
	return outcome{files: &loaded, pipelineRun: res.RunID}, nil
}

// BackupDir is where the backup action writes: backups/ beside the
// warehouse, where a run looks for one when the warehouse is damaged.
func BackupDir(cfg pipeline.Config) string {
	return pipeline.BackupDir(cfg.Paths.Warehouse)
}

// backup copies the published warehouse under its run lock.
func (r *Runner) backup(job Job) (outcome, error) {
	wh := &pipeline.Warehouse{Path: r.Config.Paths.Warehouse}
	path, err := wh.Backup(BackupDir(r.Config), job.Keep, r.now())
	if err != nil {
		return outcome{}, fmt.Errorf("backup: %w", err)
	}
	return outcome{detail: path}, nil
}

// handoffCohort is the primary school year (its starting year) whose
// handoff deadlines fell in the last summer at or before t: children
// finishing primary in Y-(Y+1) are handed off by 10 July Y+1.
func handoffCohort(t time.Time) int {
	if t.Month() > time.July || (t.Month() == time.July && t.Day() > 10) {
		return t.Year() - 1
	}
	return t.Year() - 2
}

// handoffMissesSQL reads the cohort's misses from mart.handoff_misses,
// where what counts as a miss is defined; no row is no miss.
const handoffMissesSQL = `
SELECT coalesce(sum(files_missed), 0), coalesce(sum(notices_to_school_missed), 0),
       coalesce(sum(notices_to_parent_missed), 0)
FROM mart.handoff_misses WHERE school_year = ?`

// handoffMisses counts the handoff steps of the cohort due at the check
// that were not done by their deadline, from the warehouse just published
// (opened read-only, like any analyst's reader).
func (r *Runner) handoffMisses(ctx context.Context, at time.Time) (string, error) {
	db, err := engine.Open(r.Config.Paths.Warehouse, r.Config.DuckDB, engine.ReadOnly)
	if err != nil {
		return "", fmt.Errorf("open published warehouse: %w", err)
	}
	defer db.Close()
	year := handoffCohort(at)
	var files, toSchool, toParent int
	if err := db.QueryRowContext(ctx, handoffMissesSQL, year).Scan(&files, &toSchool, &toParent); err != nil {
		return "", fmt.Errorf("count handoff misses: %w", err)
	}
	return fmt.Sprintf("%d 学年小学毕业生交接逾期未办：档案 %d，通知书送中心校 %d，通知书送家长 %d（名单见 mart.handoff_status）/ "+
		"handoff misses, school year %d: files %d, notices to school %d, notices to parents %d",
		year, files, toSchool, toParent, year, files, toSchool, toParent), nil
}
