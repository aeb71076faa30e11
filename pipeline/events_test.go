package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// A run tells Events what it does, in order: the five phases, each file of
// the inbox once when it is done, each model once during the build, and
// the publish last.
func TestRunSendsEvents(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	var evs []Event
	r.Events = func(ev Event) { evs = append(evs, ev) }
	res, err := r.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var phases []Phase
	files, models := map[string]int{}, map[string]int{}
	for _, ev := range evs {
		switch ev.Kind {
		case EventPhase:
			phases = append(phases, ev.Phase)
		case EventFile:
			files[ev.File.File]++
			if slices.Index(phases, PhaseBuild) >= 0 {
				t.Errorf("file %s after the build started", ev.File.File)
			}
		case EventModel:
			models[ev.Model]++
			if phases[len(phases)-1] != PhaseBuild {
				t.Errorf("model %s outside the build phase", ev.Model)
			}
		}
		if ev.At.IsZero() {
			t.Errorf("%s event without a time", ev.Kind)
		}
	}
	if want := []Phase{PhaseIngest, PhaseBuild, PhaseTests, PhaseReports, PhasePublish}; !slices.Equal(phases, want) {
		t.Errorf("phases %v, want %v", phases, want)
	}
	if len(files) != len(res.Files) {
		t.Errorf("%d file events for %d files", len(files), len(res.Files))
	}
	for f, n := range files {
		if n != 1 {
			t.Errorf("file %s: %d events", f, n)
		}
	}
	if len(models) < 40 {
		t.Errorf("only %d model events", len(models))
	}
	if last := evs[len(evs)-1]; last.Kind != EventPublished || last.Path != res.Index {
		t.Errorf("last event %+v, want published %s", last, res.Index)
	}
}
