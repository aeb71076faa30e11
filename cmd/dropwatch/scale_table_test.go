package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// This file prints BenchmarkScale's tables, in Markdown for
// docs/benchmarks.md.

// printScale writes the tables of every size measured.
func printScale(w io.Writer, all []*scaleResult) {
	if len(all) == 0 {
		return
	}
	fmt.Fprintln(w, "\n| size | children | phase | wall s | CPU s | peak RSS MiB | wall s per 1k children | CPU s per 1k children |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range all {
		for _, p := range r.phases {
			name := p.name
			if !p.closed {
				name += " (failed)"
			}
			fmt.Fprintf(w, "| %s | %d | %s | %.1f | %.1f | %s | %.3f | %.3f |\n", r.size.name, r.size.children,
				name, p.wall, p.cpu, rssText(p.rssMB), r.perK(p.wall), r.perK(p.cpu))
		}
		fmt.Fprintf(w, "| %s | %d | **whole run** | %.1f | %.1f | %.0f | %.3f | %.3f |\n", r.size.name, r.size.children,
			r.wall, r.cpu, r.peakMB, r.perK(r.wall), r.perK(r.cpu))
	}
	fmt.Fprintln(w, "\n| size | files | rows | inbox MB | generate s | warehouse MB | peak spill MB | per-phase peaks |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range all {
		fmt.Fprintf(w, "| %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %v |\n", r.size.name, r.files, r.rows,
			r.inboxMB, r.generate.Seconds(), r.warehouseMB, r.spillMB, r.perPhasePeaks)
	}
	fmt.Fprintln(w, "\n| size | full run s | run with nothing new s | ÷ full run |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range all {
		fmt.Fprintf(w, "| %s | %.1f | %.2f | %.4f |\n", r.size.name, r.wall, r.noop, r.noop/r.wall)
	}
	printFloor(w, all)
	printPerChild(w, all)
	printModels(w, all)
	for _, r := range all {
		if r.err != "" {
			fmt.Fprintf(w, "\n%s: %s\n", r.size.name, r.err)
		}
	}
}

// printPerChild sets each phase's wall and CPU seconds per 1,000 children
// side by side across sizes: flat figures mean linear cost.
func printPerChild(w io.Writer, all []*scaleResult) {
	printSizeHeader(w, "phase (s / CPU s per 1k children)", all)
	for _, name := range []string{"startup", "ingest", "models", "tests", "reports", "publish"} {
		fmt.Fprintf(w, "| %s |", name)
		for _, r := range all {
			p := r.phase(name)
			fmt.Fprintf(w, " %.3f / %.3f |", r.perK(p.wall), r.perK(p.cpu))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "| whole run |")
	for _, r := range all {
		fmt.Fprintf(w, " %.3f / %.3f |", r.perK(r.wall), r.perK(r.cpu))
	}
	fmt.Fprintln(w)
}

// rssText shows a peak in MB, or n/a when the child exited unread.
func rssText(mb float64) string {
	if mb == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f", mb)
}

// printFloor compares the ingest with DuckDB's bare load, by wall and by
// CPU time: on the same files, and the whole ingest phase.
func printFloor(w io.Writer, all []*scaleResult) {
	fmt.Fprintln(w, "\n| size | floor files | floor rows | floor wall s (before, after) | floor CPU s | dropwatch wall / CPU s on those files | × floor wall (same files) | × floor CPU (same files) | ingest phase × floor wall / CPU |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, r := range all {
		var fl []string
		fallback := 0
		for _, f := range r.floor {
			fl = append(fl, fmt.Sprintf("%.1f", f.wall.Seconds()))
			fallback = max(fallback, f.fallback)
		}
		in := r.phase("ingest")
		fmt.Fprintf(w, "| %s | %d (%d all_varchar) | %d | %s | %.1f | %.1f / %.1f | %.2f | %.2f | %.2f / %.2f |\n",
			r.size.name, len(r.floorNames), fallback, r.floorRows, strings.Join(fl, ", "), r.floorCPU(),
			r.ingestSame, r.ingestSameCPU, r.ingestSame/r.floorMean(), r.ingestSameCPU/r.floorCPU(),
			in.wall/r.floorMean(), in.cpu/r.floorCPU())
	}
}

// printModels sets the slowest models of each size side by side, in
// seconds and seconds per 1,000 children, and the models during which the
// process's resident memory peaked highest.
func printModels(w io.Writer, all []*scaleResult) {
	printTop(w, all, "slowest models: s (s per 1k children)",
		func(m modelTook) float64 { return m.took.Seconds() },
		func(r *scaleResult, m modelTook) string {
			return fmt.Sprintf("%.1f (%.4f)", m.took.Seconds(), r.perK(m.took.Seconds()))
		})
	printTop(w, all, "largest models: peak RSS MiB while built",
		func(m modelTook) float64 { return float64(m.hwmKB) },
		func(_ *scaleResult, m modelTook) string { return rssText(float64(m.hwmKB) / 1024) })
}

// printTop sets the six models of each size with the highest key side by
// side; it prints nothing when no model has a key above 0.
func printTop(w io.Writer, all []*scaleResult, title string, key func(modelTook) float64, cell func(*scaleResult, modelTook) string) {
	var names []string
	for _, r := range all {
		ms := slices.Clone(r.models)
		slices.SortFunc(ms, func(a, b modelTook) int { return cmp.Compare(key(b), key(a)) })
		for _, m := range ms[:min(6, len(ms))] {
			if key(m) > 0 && !slices.Contains(names, m.name) {
				names = append(names, m.name)
			}
		}
	}
	if len(names) == 0 {
		return
	}
	printSizeHeader(w, title, all)
	for _, name := range names {
		fmt.Fprintf(w, "| %s |", name)
		for _, r := range all {
			i := slices.IndexFunc(r.models, func(m modelTook) bool { return m.name == name })
			if i < 0 {
				fmt.Fprint(w, " – |")
				continue
			}
			fmt.Fprintf(w, " %s |", cell(r, r.models[i]))
		}
		fmt.Fprintln(w)
	}
}

// printSizeHeader starts a table with one column per size.
func printSizeHeader(w io.Writer, title string, all []*scaleResult) {
	head, rule := "\n| "+title+" |", "|---|"
	for _, r := range all {
		head += " " + r.size.name + " |"
		rule += "---|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
}
