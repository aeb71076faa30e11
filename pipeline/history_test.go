package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A history line over 4 MiB is skipped, and the events around it read;
// before, bufio.Scanner failed with "token too long" and serve stopped.
func TestHistorySkipsHugeLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.jsonl")
	ev := `{"job":"nightly","run":"r%d","event":"start","started":"2026-03-01T02:00:00+08:00"}` + "\n"
	body := strings.Replace(ev, "%d", "1", 1) + `{"job":"` + strings.Repeat("x", 5<<20) + `"}` + "\n" + strings.Replace(ev, "%d", "2", 1)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := (&History{Path: p}).Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Run != "r1" || got[1].Run != "r2" {
		t.Errorf("events %+v, want runs r1 and r2", got)
	}
}
