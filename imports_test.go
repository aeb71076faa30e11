package dropwatch

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The package table of docs/architecture.md states every dropwatch
// package each package imports; go list must agree, both ways, so the
// documented one-way flow (reports never importing pipeline, the readers
// never importing the run) is the real one.
func TestImportGraph(t *testing.T) {
	doc, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)`[^|]*\\|[^|]*\\| (.*) \\|$")
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		var deps []string
		for _, d := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[2], -1) {
			deps = append(deps, d[1])
		}
		want[m[1]] = deps
	}
	if len(want) < 10 {
		t.Fatalf("found %d package rows in docs/architecture.md", len(want))
	}
	out, err := exec.Command("go", "list", "-tags", "duckdb_arrow", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	got := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imps, _ := strings.Cut(line, ":")
		var deps []string
		for _, imp := range strings.Fields(imps) {
			if imp == "dropwatch" || strings.HasPrefix(imp, "dropwatch/") {
				deps = append(deps, rel(imp))
			}
		}
		got[rel(pkg)] = deps
	}
	for pkg, deps := range got {
		w, ok := want[pkg]
		if !ok {
			t.Errorf("package %s is not in the table of docs/architecture.md", pkg)
			continue
		}
		slices.Sort(w)
		if !slices.Equal(deps, w) {
			t.Errorf("%s imports %v; docs/architecture.md says %v", pkg, deps, w)
		}
	}
	for pkg := range want {
		if _, ok := got[pkg]; !ok {
			t.Errorf("docs/architecture.md lists %s, which is no package", pkg)
		}
	}
}

// rel is an import path below the module root ("." for the root).
func rel(path string) string {
	if path == "dropwatch" {
		return "."
	}
	return strings.TrimPrefix(path, "dropwatch/")
}
