package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// phaseFig is one phase of a run.
type phaseFig struct {
	name   string
	wall   float64 // seconds
	cpu    float64 // CPU seconds, all threads
	rssMB  float64 // peak RSS (MiB) during the phase (or so far, without clear_refs)
	closed bool    // the phase finished
}

// scaleResult is everything BenchmarkScale measured for one size.
type scaleResult struct {
	size                      scaleSize
	generate                  time.Duration
	files                     int
	rows, floorRows           int64
	floorNames                map[string]bool
	inboxMB                   float64
	phases                    []phaseFig
	wall, cpu, peakMB         float64
	warehouseMB, spillMB      float64
	perPhasePeaks             bool
	ingestSame, ingestSameCPU float64 // dropwatch's wall and CPU seconds on the floor's files
	floor                     []floorRun
	reached, err, exitDetail  string
	models                    []modelTook
	noop                      float64 // seconds of a second run with nothing new
	// the monthly attendance files (UTF-8 CSV): rows, DuckDB's bare load of
	// them alone, and dropwatch's ingest of the same files
	attNames          map[string]bool
	attRows           int64
	attFloor          floorRun
	ingestAtt, attCPU float64
	attLoaded         int64 // rows of those files dropwatch loaded
	floorLoaded       int64 // rows of the floor's files dropwatch loaded
}

// phaseNames maps the log's phase names to the table's.
var phaseNames = map[string]string{"build": "models", "tests": "tests"}

// fromWatch turns one watched run into per-phase figures. The publish
// phase runs to the process's exit.
func (r *scaleResult) fromWatch(w *watch, spill int64) {
	pts := []mark{}
	endHWM := max(w.maxrssKB, w.modelsKB) // a run that failed in the build: its models' peaks too
	for _, m := range w.marks {
		if m.name == "end" {
			endHWM = m.hwmKB
			continue
		}
		pts = append(pts, m)
	}
	pts = append(pts, mark{name: "exit", at: w.exitAt, cpu: w.cpuTotal, hwmKB: endHWM})
	r.phases, r.peakMB = nil, float64(w.maxrssKB)/1024
	for i := 0; i+1 < len(pts); i++ {
		name := pts[i].name
		if n, ok := phaseNames[name]; ok {
			name = n
		}
		f := phaseFig{name: name, wall: pts[i+1].at.Sub(pts[i].at).Seconds(),
			cpu: pts[i+1].cpu - pts[i].cpu, rssMB: float64(pts[i+1].hwmKB) / 1024, closed: i+2 < len(pts) || w.exitErr == nil}
		r.phases = append(r.phases, f)
		r.peakMB = max(r.peakMB, f.rssMB)
	}
	r.reached = pts[len(pts)-2].name
	r.wall, r.cpu = w.exitAt.Sub(w.marks[0].at).Seconds(), w.cpuTotal
	r.spillMB, r.perPhasePeaks = mb(spill), w.resetPeaks
	r.ingestSame, r.ingestSameCPU = ingestOn(w, r.floorNames)
	r.ingestAtt, r.attCPU = ingestOn(w, r.attNames)
	r.attLoaded = loadedRows(w, r.attNames)
	r.floorLoaded = loadedRows(w, r.floorNames)
	r.models = w.models
	if w.exitErr != nil {
		r.err = fmt.Sprintf("run failed in phase %q after %.0f s: %v", r.reached, r.wall, w.exitErr)
		r.exitDetail = strings.Join(w.tail, "\n")
	}
}

// ingestOn sums the wall and CPU time of the ingest's files named in
// names: each file takes from the previous file's log line (or the
// ingest's start) to its own.
func ingestOn(w *watch, names map[string]bool) (wall, cpu float64) {
	var prev fileDone
	for _, m := range w.marks {
		if m.name == "ingest" {
			prev = fileDone{at: m.at, cpu: m.cpu}
		}
	}
	var sum time.Duration
	for _, f := range w.files {
		if names[f.name] {
			sum += f.at.Sub(prev.at)
			cpu += f.cpu - prev.cpu
		}
		prev = f
	}
	return sum.Seconds(), cpu
}

// loadedRows sums the rows of the files named in names that the ingest
// loaded.
func loadedRows(w *watch, names map[string]bool) int64 {
	var n int64
	for _, f := range w.files {
		if names[f.name] && f.outcome == "loaded" {
			n += f.rows
		}
	}
	return n
}

// floorMean is the mean wall time of the floor's timings.
func (r *scaleResult) floorMean() float64 {
	var s float64
	for _, f := range r.floor {
		s += f.wall.Seconds()
	}
	return s / float64(max(len(r.floor), 1))
}

// floorCPU is the mean CPU time of the floor's timings.
func (r *scaleResult) floorCPU() float64 {
	var s float64
	for _, f := range r.floor {
		s += f.cpu
	}
	return s / float64(max(len(r.floor), 1))
}

// phase returns the named phase's figures.
func (r *scaleResult) phase(name string) phaseFig {
	for _, p := range r.phases {
		if p.name == name {
			return p
		}
	}
	return phaseFig{name: name}
}

// perK is seconds per 1,000 children.
func (r *scaleResult) perK(s float64) float64 { return s / (float64(r.size.children) / 1000) }

// report hands the figures to the benchmark framework.
func (r *scaleResult) report(b *testing.B) {
	for _, p := range r.phases {
		b.ReportMetric(p.wall, p.name+"-s")
		b.ReportMetric(p.cpu, p.name+"-cpu-s")
		b.ReportMetric(p.rssMB, p.name+"-RSS-MiB")
		b.ReportMetric(r.perK(p.wall), p.name+"-s/1k-children")
	}
	fl := r.floorMean()
	b.ReportMetric(r.wall, "run-s")
	b.ReportMetric(r.cpu, "run-cpu-s")
	b.ReportMetric(r.peakMB, "peak-RSS-MiB")
	b.ReportMetric(r.warehouseMB, "warehouse-MB")
	b.ReportMetric(r.spillMB, "spill-MB")
	b.ReportMetric(r.perK(r.wall), "s/1k-children")
	b.ReportMetric(r.noop, "noop-run-s")
	b.ReportMetric(r.noop/r.wall, "x-full-run-noop")
	b.ReportMetric(fl, "floor-s")
	b.ReportMetric(r.ingestSame/fl, "x-floor-same-files")
	b.ReportMetric(r.ingestSameCPU/r.floorCPU(), "x-floor-cpu-same-files")
	b.ReportMetric(r.phase("ingest").wall/fl, "x-floor-ingest")
	// the whole run against DuckDB's bare load of every file it can read
	// alone (the rosters, households and attendance: UTF-8 CSV)
	all := fl + r.attFloor.wall.Seconds()
	b.ReportMetric(r.wall/all, "x-floor-full-run")
	for _, f := range r.floor {
		if f.rows != r.floorRows || r.floorLoaded != r.floorRows {
			b.Logf("rosters and households: the manifest has %d rows, DuckDB's bare load loaded %d, dropwatch %d",
				r.floorRows, f.rows, r.floorLoaded)
		}
	}
	b.Logf("%s: full run %.1f s against DuckDB's bare load of the same CSV files %.1f s: %.2f×; run with nothing new %.2f s",
		r.size.name, r.wall, all, r.wall/all, r.noop)
	if a := r.attFloor.wall.Seconds(); a > 0 {
		m := r.warningModels()
		b.ReportMetric(r.ingestAtt, "attendance-ingest-s")
		b.ReportMetric(a, "attendance-floor-s")
		b.ReportMetric(r.ingestAtt/a, "x-floor-attendance")
		b.ReportMetric(r.attCPU/r.attFloor.cpu, "x-floor-cpu-attendance")
		b.ReportMetric(m, "early-warning-models-s")
		if r.attFloor.rows != r.attRows || r.attLoaded != r.attRows {
			b.Errorf("attendance: the manifest has %d rows, DuckDB's bare load loaded %d, dropwatch %d: the ratio compares different work",
				r.attRows, r.attFloor.rows, r.attLoaded)
		}
		b.Logf("attendance: %d rows, ingest %.1f s wall / %.1f s CPU, DuckDB bare load %.1f s / %.1f s, ratio %.2f / %.2f; "+
			"early-warning models %.1f s; attendance ingest + those models = %.1f%% of the run's wall time",
			r.attRows, r.ingestAtt, r.attCPU, a, r.attFloor.cpu, r.ingestAtt/a, r.attCPU/r.attFloor.cpu, m,
			100*(r.ingestAtt+m)/r.wall)
	}
	if r.exitDetail != "" {
		b.Logf("last log lines:\n%s", r.exitDetail)
	}
}

// warningModels are the models that exist for the monthly attendance and
// the early warning: their wall time is the build's extra cost.
var warningModelNames = []string{"staging.attendance", "core.attendance_term", "mart.early_warning",
	"mart.early_warning_backtest", "mart.care_register"}

// warningModels sums the wall seconds of those models.
func (r *scaleResult) warningModels() float64 {
	var s float64
	for _, m := range r.models {
		if slices.Contains(warningModelNames, m.name) {
			s += m.took.Seconds()
		}
	}
	return s
}
