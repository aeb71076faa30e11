package ingest

import (
	"slices"
	"testing"
)

// kindRatios are one kind's ratios to DuckDB's bare load, one per
// iteration.
type kindRatios struct{ wall, cpu, oursCPU, bareCPU []float64 }

// BenchmarkAttendanceAgainstRosters answers issue 17's question: is the
// attendance ingest within the same ratio to DuckDB's bare load as the
// rosters? It loads the county year's first-term roster and its monthly
// attendance, each through dropwatch and through DuckDB's bare read_csv,
// the four loads back to back in every iteration (the kinds in turn first,
// so a change of the machine's load falls on both alike). It reports the
// median of each kind's ratio and the median of the per-iteration
// quotient attendance ÷ rosters: at or under 1 means the attendance costs
// no more over the floor than the rosters do. attendance/rosters-cpu-fastest
// is the same quotient of each load's fastest CPU time, steadier when
// other work shares the machine. Run it with -benchtime 5x or
// more; one iteration takes about ten seconds.
func BenchmarkAttendanceAgainstRosters(b *testing.B) {
	files := countyYear(b)
	if len(files["roster"]) == 0 || len(files["attendance"]) == 0 {
		b.Fatal("the county year has no roster or no attendance file")
	}
	kinds := []string{"roster", "attendance"}
	got := map[string]*kindRatios{"roster": {}, "attendance": {}}
	b.ResetTimer()
	b.StopTimer() // ingestTimed runs it for dropwatch's loads alone
	for i := 0; i < b.N; i++ {
		order := kinds
		if i%2 == 1 {
			order = []string{kinds[1], kinds[0]}
		}
		for _, k := range order {
			ours, oursCPU, bare, bareCPU := loadAgainstBare(b, files[k][0])
			g := got[k]
			g.wall, g.cpu = append(g.wall, ours/bare), append(g.cpu, oursCPU/bareCPU)
			g.oursCPU, g.bareCPU = append(g.oursCPU, oursCPU), append(g.bareCPU, bareCPU)
		}
	}
	r, a := got["roster"], got["attendance"]
	b.ReportMetric(median(r.wall), "x-duckdb-rosters")
	b.ReportMetric(median(r.cpu), "x-duckdb-cpu-rosters")
	b.ReportMetric(median(a.wall), "x-duckdb-attendance")
	b.ReportMetric(median(a.cpu), "x-duckdb-cpu-attendance")
	b.ReportMetric(median(quotients(a.wall, r.wall)), "attendance/rosters")
	b.ReportMetric(median(quotients(a.cpu, r.cpu)), "attendance/rosters-cpu")
	b.ReportMetric(median(a.oursCPU), "cpu-s-attendance")
	b.ReportMetric(median(a.bareCPU), "cpu-s-bare-attendance")
	b.ReportMetric(median(r.oursCPU), "cpu-s-rosters")
	b.ReportMetric(median(r.bareCPU), "cpu-s-bare-rosters")
	// other work on a shared machine only ever adds to a load's CPU time,
	// so each load's fastest iteration is the steadiest estimate of its cost
	fastest := slices.Min[[]float64]
	b.ReportMetric(fastest(a.oursCPU)/fastest(a.bareCPU)/(fastest(r.oursCPU)/fastest(r.bareCPU)), "attendance/rosters-cpu-fastest")
}

// loadAgainstBare loads f into a fresh warehouse and into DuckDB's bare
// table and returns the wall and CPU seconds of each.
func loadAgainstBare(b *testing.B, f countyFile) (ours, oursCPU, bare, bareCPU float64) {
	c0 := cpuTime()
	bareWall := timeBare(b, f.path)
	bareUsed := cpuTime() - c0
	wall, used := ingestTimed(b, true, f.path, f.rows)
	return wall.Seconds(), used.Seconds(), bareWall.Seconds(), bareUsed.Seconds()
}

func quotients(num, den []float64) []float64 {
	out := make([]float64, len(num))
	for i := range num {
		out[i] = num[i] / den[i]
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
