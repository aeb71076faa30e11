package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"dropwatch/pipeline"
	"dropwatch/pipeline/ingest"
)

// addEventsFlag adds --events to a command that runs the pipeline.
func addEventsFlag(fs *flag.FlagSet) *string {
	return fs.String("events", "", "把运行事件（阶段、文件、模型、发布）按 JSON 行写入此文件，- 为标准错误 / write the run's events as JSON Lines to this file (- for stderr)")
}

// openEvents opens where --events points: nothing for "", stderr for "-",
// else a new file. close is never nil.
func openEvents(e *env, path string) (w io.Writer, close func() error, err error) {
	switch path {
	case "":
		return nil, func() error { return nil }, nil
	case "-":
		return e.stderr, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("无法创建事件文件 %s / create the events file: %w", path, err)
	}
	return f, f.Close, nil
}

// onEvents consumes a run's events: long files' progress goes to progress,
// and every event goes as one JSON line to w when w is not nil.
func onEvents(progress func(ingest.Progress), w io.Writer) func(pipeline.Event) {
	var enc *json.Encoder
	if w != nil {
		enc = json.NewEncoder(w)
	}
	return func(ev pipeline.Event) {
		if ev.Kind == pipeline.EventProgress && progress != nil {
			progress(*ev.Progress)
		}
		if enc != nil {
			_ = enc.Encode(ev) // a lost event line must not fail the run
		}
	}
}
