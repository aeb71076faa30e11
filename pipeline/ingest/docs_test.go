package ingest

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

const (
	docsPath   = "../../docs/inputs.md"
	beginTable = "<!-- BEGIN GENERATED: go test ./pipeline/ingest -run TestInputsDoc -update -->\n"
	endTable   = "<!-- END GENERATED -->\n"
)

// docs/inputs.md carries the tables generated from kinds.go; the test fails
// when they are stale.
func TestInputsDoc(t *testing.T) {
	b, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, beginTable), strings.Index(doc, endTable)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the generated-section markers", docsPath)
	}
	want := doc[:i+len(beginTable)] + Markdown() + doc[j:]
	if *update {
		if err := os.WriteFile(docsPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != want {
		t.Errorf("%s is stale: run go test ./pipeline/ingest -run TestInputsDoc -update", docsPath)
	}
}
