package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dropwatch/pipeline/demotown"
)

// scaleSize is one size of the demo town.
type scaleSize struct {
	name     string
	children int
}

var scaleSizes = []scaleSize{{"town", 3000}, {"county", 200_000}, {"province", 5_000_000}}

// scaleFreeGB is the free disk a size needs before it is generated
// (inbox, working copy, published warehouse and spill, with a margin).
var scaleFreeGB = map[string]int64{"town": 1, "county": 5, "province": 40}

// BenchmarkScale generates the demo town at each size in
// DROPWATCH_BENCH_SIZES (town by default; town, county, province) and
// measures one `dropwatch run -v` of it as a child process: wall time,
// CPU time and peak RSS of each phase (ingest, build = models, tests =
// data tests, reports, publish), the whole run, and the published
// warehouse's size. Around the run it times DuckDB's bare read_csv of the
// same inbox's UTF-8 CSV roster and household files (the floor) and
// reports ingest as a ratio to it. Generation is not counted. The DuckDB
// memory limit (DROPWATCH_BENCH_MEMORY, 6GB by default), threads and temp
// directory come from the run's config file. DROPWATCH_BENCH_DIR picks
// where the data goes (the system temp dir by default); it is removed
// afterwards. A table of every size is printed at the end.
//
//	DROPWATCH_BENCH_SIZES=town,county go test -tags duckdb_arrow -run '^$' \
//	    -bench BenchmarkScale -benchtime 1x -timeout 180m ./cmd/dropwatch/
func BenchmarkScale(b *testing.B) {
	var all []*scaleResult
	for _, size := range wantedScaleSizes() {
		b.Run(size.name, func(b *testing.B) {
			res := benchScale(b, size)
			all = append(all, res)
			res.report(b)
			if res.err != "" {
				b.Errorf("%s: %s", size.name, res.err)
			}
		})
	}
	printScale(os.Stdout, all)
}

func wantedScaleSizes() []scaleSize {
	want := os.Getenv("DROPWATCH_BENCH_SIZES")
	if want == "" {
		want = "town"
	}
	var out []scaleSize
	for _, s := range scaleSizes {
		if slices.Contains(strings.Split(want, ","), s.name) {
			out = append(out, s)
		}
	}
	return out
}

// scaleEnv is one size's generated inbox and run settings.
type scaleEnv struct {
	root, inbox, warehouse, tmp, config string
	memory                              string
	threads                             int
	floorFiles, attFiles                []string
	manifest                            demotown.Manifest
}

// benchScale generates, times the floor, runs dropwatch, times the floor
// again and removes everything.
func benchScale(b *testing.B, size scaleSize) *scaleResult {
	b.StopTimer()
	env := newScaleEnv(b, size)
	defer os.RemoveAll(env.root)
	res := &scaleResult{size: size}
	start := time.Now()
	m, err := demotown.Generate(env.inbox, demotown.Options{Seed: 1, Children: size.children})
	if err != nil {
		b.Fatalf("generate: %v", err)
	}
	res.generate = time.Since(start)
	env.manifest = m
	env.pickFloorFiles(res)
	res.inboxMB = mb(pathBytes(env.inbox))
	env.writeConfig(b)
	b.Logf("%s: generated %d files, %.0f MB in %v; floor: %d files; attendance floor: %d files, %d rows", size.name,
		len(m.Files), res.inboxMB, res.generate.Round(time.Second), len(env.floorFiles), len(env.attFiles), res.attRows)
	res.floor = append(res.floor, timeFloor(b, env.root, env.floorFiles, env.memory, env.threads))
	if len(env.attFiles) > 0 {
		res.attFloor = timeFloor(b, env.root, env.attFiles, env.memory, env.threads)
	}
	for i := 0; i < b.N; i++ {
		os.RemoveAll(filepath.Dir(env.warehouse))
		os.RemoveAll(filepath.Join(env.root, "out"))
		b.StartTimer()
		w, spill := env.run(b)
		b.StopTimer()
		res.fromWatch(w, spill)
	}
	if res.err == "" { // a second run with nothing new: the nightly job's usual day
		start := time.Now()
		w, _ := env.run(b)
		res.noop = time.Since(start).Seconds()
		if w.exitErr != nil {
			res.err = fmt.Sprintf("no-op run: %v", w.exitErr)
		}
	}
	res.warehouseMB = mb(pathBytes(env.warehouse) + pathBytes(env.warehouse+".wal"))
	if res.err == "" { // time the floor again after the run, unless it failed
		res.floor = append(res.floor, timeFloor(b, env.root, env.floorFiles, env.memory, env.threads))
	}
	return res
}

// newScaleEnv makes the size's directory after checking free disk.
func newScaleEnv(b *testing.B, size scaleSize) *scaleEnv {
	parent := os.Getenv("DROPWATCH_BENCH_DIR")
	if parent == "" {
		parent = os.TempDir()
	}
	if free, need := freeBytes(parent), scaleFreeGB[size.name]<<30; free >= 0 && free < need {
		b.Skipf("%s needs %d GiB free in %s, have %.1f GiB", size.name, need>>30, parent, float64(free)/(1<<30))
	}
	root, err := os.MkdirTemp(parent, "dropwatch-scale-"+size.name+"-")
	if err != nil {
		b.Fatal(err)
	}
	mem := os.Getenv("DROPWATCH_BENCH_MEMORY")
	if mem == "" {
		mem = "6GB"
	}
	return &scaleEnv{root: root, inbox: filepath.Join(root, "inbox"),
		warehouse: filepath.Join(root, "warehouse", "dropwatch.duckdb"), tmp: filepath.Join(root, "tmp"),
		config: filepath.Join(root, "dropwatch.toml"), memory: mem, threads: runtime.NumCPU()}
}

// pickFloorFiles keeps the roster and household files DuckDB's read_csv
// reads without an extension: UTF-8 CSV, with or without a byte-order
// mark. GBK CSV and .xlsx files are left out of the floor. The monthly
// attendance files get a floor of their own, so their ingest has its own
// ratio.
func (e *scaleEnv) pickFloorFiles(res *scaleResult) {
	res.floorNames, res.attNames = map[string]bool{}, map[string]bool{}
	for _, f := range e.manifest.Files {
		res.files++
		res.rows += int64(f.Rows)
		if f.Kind == "attendance" && strings.HasPrefix(f.Format, "csv-utf8") {
			e.attFiles = append(e.attFiles, filepath.Join(e.inbox, f.Name))
			res.attNames[f.Name] = true
			res.attRows += int64(f.Rows)
		}
		if (f.Kind == "roster" || f.Kind == "household") && strings.HasPrefix(f.Format, "csv-utf8") {
			e.floorFiles = append(e.floorFiles, filepath.Join(e.inbox, f.Name))
			res.floorNames[f.Name] = true
			res.floorRows += int64(f.Rows)
		}
	}
}

// writeConfig writes the run's config file: the demo town, the paths and
// DuckDB's memory limit, threads and temp directory.
func (e *scaleEnv) writeConfig(b *testing.B) {
	q := strconv.Quote
	toml := fmt.Sprintf(`[town]
name = "示范镇"
code = "430521101"

[paths]
inbox = %s
warehouse = %s
out = %s

[duckdb]
memory_limit = %s
threads = %d
temp_dir = %s
`, q(e.inbox), q(e.warehouse), q(filepath.Join(e.root, "out")), q(e.memory), e.threads, q(e.tmp))
	if err := os.WriteFile(e.config, []byte(toml), 0o644); err != nil {
		b.Fatal(err)
	}
}

// run starts `dropwatch run -v` and watches it to the end; it returns
// what was seen and the temp directory's peak size.
func (e *scaleEnv) run(b *testing.B) (*watch, int64) {
	stop := make(chan struct{})
	spill := peakSize(e.tmp, stop)
	start := time.Now()
	cmd, lines := scaleProcess(b, "run", "-v", "--config", e.config, "--events", "-")
	w := watchRun(cmd, lines, start)
	close(stop)
	return w, <-spill
}

// scaleProcess starts dropwatch as a child process (cliProcess for a
// benchmark) and returns its stderr lines.
func scaleProcess(b *testing.B, args ...string) (*exec.Cmd, *bufio.Scanner) {
	b.Helper()
	js, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DROPWATCH_TEST_ROLE=cli", "DROPWATCH_TEST_ARGS="+string(js))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	return cmd, bufio.NewScanner(stderr)
}

func mb(n int64) float64 { return float64(n) / 1e6 }
