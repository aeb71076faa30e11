package demotown

import "strings"

// Arrivals splits the files into three deliveries, as a county receives
// them: the years before school year y, then the files that arrive at the
// start of y's first term (its term-1 rosters, household extract,
// migration and disability censuses), then the rest of y (term-2 rosters,
// attendance, dropouts, graduates, handoffs, returned 核查表). A file
// belongs to y when its name carries "_y-" (2026-2027) or "_y学年".
func (m Manifest) Arrivals(y string) (before, firstTerm, rest []string) {
	for _, f := range m.Files {
		of := strings.Contains(f.Name, "_"+y+"-") || strings.Contains(f.Name, "_"+y+"学年")
		first := f.Kind == "household" || f.Kind == "migration" || f.Kind == "disability" ||
			(f.Kind == "roster" && strings.Contains(f.Name, "第一学期"))
		switch {
		case !of:
			before = append(before, f.Name)
		case first:
			firstTerm = append(firstTerm, f.Name)
		default:
			rest = append(rest, f.Name)
		}
	}
	return before, firstTerm, rest
}
