package pipeline

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated docs and golden files")

// docs/data-dictionary.md is generated from the warehouse's comments; the
// test fails when it is stale.
func TestDataDictionary(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, err := DataDictionary(context.Background(), openRO(t, r.Config.Paths.Warehouse))
	if err != nil {
		t.Fatal(err)
	}
	const path = "../docs/data-dictionary.md"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s is stale: run go test ./pipeline -run TestDataDictionary -update", path)
	}
}
