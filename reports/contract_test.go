package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The reports read the warehouse's contract only (mart, audit, config):
// a figure they need that no mart carries becomes a model, where the data
// tests and the data dictionary see it, not a query on the internal
// schemas here.
func TestReportsReadOnlyTheContract(t *testing.T) {
	internal := regexp.MustCompile(`\b(raw|staging|core)\.[a-z_]+\b`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := internal.FindString(string(b)); m != "" {
			t.Errorf("%s reads %s: publish what the page needs as a mart", f, m)
		}
	}
}
