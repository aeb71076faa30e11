// Package schedules runs dropwatch on its calendar: the job file (built in,
// overridable by the config), the daemon behind `dropwatch serve`, the
// runner that `dropwatch jobs run` shares with it, catch-up after the server
// was off, retries with back-off, and the run history kept beside the
// warehouse (pipeline.History).
package schedules

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"

	"dropwatch/pipeline"
)

//go:embed jobs.toml
var defaultJobs string

// Actions a job can take.
const (
	ActionRun     = "run"
	ActionHandoff = "handoff"
	ActionBackup  = "backup"
)

// Catch-up policies.
const (
	CatchUpOnce = "once"
	CatchUpSkip = "skip"
)

// parser reads five-field expressions and descriptors such as @monthly.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Job is one job of the calendar, ready to schedule.
type Job struct {
	Name        string         // as in `dropwatch jobs run NAME` and the history
	Description string         // what the job is for, in Chinese and English
	Cron        []string       // the expressions as written
	Action      string         // ActionRun, ActionHandoff or ActionBackup
	CatchUp     string         // CatchUpOnce or CatchUpSkip
	Retries     int            // further attempts after a failure
	Keep        int            // dated backups kept (backup action)
	Schedule    cron.Schedule  // every expression, in Location
	Location    *time.Location // the calendar's time zone (config timezone)
}

// DefaultCalendar returns the built-in job file's entries.
func DefaultCalendar() ([]pipeline.JobConfig, error) {
	var f struct {
		Jobs []pipeline.JobConfig `toml:"jobs"`
	}
	if _, err := toml.Decode(defaultJobs, &f); err != nil {
		return nil, fmt.Errorf("built-in job file: %w", err)
	}
	return f.Jobs, nil
}

// Load returns the calendar in force: the built-in jobs with the config's
// [[jobs]] applied, each parsed in the config's time zone.
func Load(cfg pipeline.Config) ([]Job, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	base, err := DefaultCalendar()
	if err != nil {
		return nil, err
	}
	merged, err := merge(base, cfg.Jobs)
	if err != nil {
		return nil, err
	}
	var jobs []Job
	for _, jc := range merged {
		if jc.Disabled {
			continue
		}
		j, err := newJob(jc, loc)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// merge applies overrides to the built-in entries by name.
func merge(base, over []pipeline.JobConfig) ([]pipeline.JobConfig, error) {
	out := slices.Clone(base)
	seen := map[string]bool{}
	for _, o := range over {
		if o.Name == "" {
			return nil, fmt.Errorf("配置中的计划任务缺少 name / a [[jobs]] entry has no name")
		}
		if seen[o.Name] {
			return nil, fmt.Errorf("计划任务「%s」在配置中出现两次 / job %s is configured twice", o.Name, o.Name)
		}
		seen[o.Name] = true
		i := slices.IndexFunc(out, func(b pipeline.JobConfig) bool { return b.Name == o.Name })
		if i < 0 {
			out = append(out, o)
			continue
		}
		out[i] = overlay(out[i], o)
	}
	return out, nil
}

// overlay sets on b every field o sets.
func overlay(b, o pipeline.JobConfig) pipeline.JobConfig {
	if len(o.Cron) > 0 {
		b.Cron = o.Cron
	}
	if o.Action != "" {
		b.Action = o.Action
	}
	if o.Description != "" {
		b.Description = o.Description
	}
	if o.CatchUp != "" {
		b.CatchUp = o.CatchUp
	}
	if o.Retries != nil {
		b.Retries = o.Retries
	}
	if o.Keep != 0 {
		b.Keep = o.Keep
	}
	b.Disabled = b.Disabled || o.Disabled
	return b
}

// newJob checks one entry and parses its expressions.
func newJob(jc pipeline.JobConfig, loc *time.Location) (Job, error) {
	j := Job{Name: jc.Name, Description: jc.Description, Cron: jc.Cron, Action: jc.Action,
		CatchUp: jc.CatchUp, Keep: jc.Keep, Location: loc}
	bad := func(format string, a ...any) (Job, error) {
		return Job{}, fmt.Errorf("计划任务「%s」/ job %s: %s", jc.Name, jc.Name, fmt.Sprintf(format, a...))
	}
	if len(jc.Cron) == 0 {
		return bad("缺少 cron / no cron expression")
	}
	if !slices.Contains([]string{ActionRun, ActionHandoff, ActionBackup}, jc.Action) {
		return bad("action「%s」应为 run、handoff 或 backup / action must be run, handoff or backup", jc.Action)
	}
	if j.CatchUp == "" {
		j.CatchUp = CatchUpOnce
	}
	if j.CatchUp != CatchUpOnce && j.CatchUp != CatchUpSkip {
		return bad("catch_up「%s」应为 once 或 skip / catch_up must be once or skip", jc.CatchUp)
	}
	if jc.Retries != nil {
		j.Retries = *jc.Retries
	}
	if j.Retries < 0 || j.Retries > 10 {
		return bad("retries 应在 0 到 10 之间 / retries must be 0-10")
	}
	if j.Action == ActionBackup && j.Keep < 1 {
		return bad("备份任务需要 keep ≥ 1 / a backup job needs keep ≥ 1")
	}
	var specs []cron.Schedule
	for _, expr := range jc.Cron {
		s, err := parser.Parse(expr)
		if err != nil {
			return bad("cron「%s」无效 / bad cron expression: %v", expr, err)
		}
		if spec, ok := s.(*cron.SpecSchedule); ok && spec.Location == time.Local {
			spec.Location = loc // the calendar's zone, never the server's by accident
		}
		specs = append(specs, s)
	}
	j.Schedule = anyOf(specs)
	return j, nil
}

// Find returns the job of a name.
func Find(jobs []Job, name string) (Job, error) {
	for _, j := range jobs {
		if j.Name == name {
			return j, nil
		}
	}
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name)
	}
	return Job{}, fmt.Errorf("没有名为「%s」的任务；现有：%s / no job %q", name, strings.Join(names, "、"), name)
}

// anyOf is a schedule that fires at the times of any of its parts.
type anyOf []cron.Schedule

// Next returns the earliest next time of any part.
func (a anyOf) Next(t time.Time) time.Time {
	var best time.Time
	for _, s := range a {
		n := s.Next(t)
		if !n.IsZero() && (best.IsZero() || n.Before(best)) {
			best = n
		}
	}
	return best
}

// NextTimes returns the job's next n times after t, in its location.
func (j Job) NextTimes(t time.Time, n int) []time.Time {
	var out []time.Time
	for len(out) < n {
		t = j.Schedule.Next(t)
		if t.IsZero() {
			break
		}
		out = append(out, t.In(j.Location))
	}
	return out
}

// maxLookBack bounds how far Latest searches for a passed time.
const maxLookBack = 5 * 366 * 24 * time.Hour

// Latest returns the job's last scheduled time at or before now that is
// after since, or false when there is none.
func (j Job) Latest(since, now time.Time) (time.Time, bool) {
	if floor := now.Add(-maxLookBack); since.Before(floor) {
		since = floor
	}
	var last time.Time
	for t := j.Schedule.Next(since); !t.IsZero() && !t.After(now); t = j.Schedule.Next(t) {
		last = t
	}
	return last.In(j.Location), !last.IsZero()
}
