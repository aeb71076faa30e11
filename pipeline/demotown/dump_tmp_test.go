package demotown

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	dir := "/tmp/demotown_dump"
	os.RemoveAll(dir)
	man, err := Generate(dir, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(man, "", " ")
	os.WriteFile("/tmp/demotown_manifest.json", b, 0o644)
}
