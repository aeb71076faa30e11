package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"dropwatch/pipeline"
)

// This file holds BenchmarkScale's probes: it watches a dropwatch child
// process's phase log lines and samples the child's CPU time and peak RSS
// from /proc at each phase boundary, and it times DuckDB's bare read_csv.

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat;
// 100 on every Linux this runs on.
const clockTicks = 100

// mark is one phase boundary as the parent saw it.
type mark struct {
	name  string    // the phase that starts here ("end" for the last mark)
	at    time.Time // when the log line arrived
	cpu   float64   // the child's user+system CPU seconds so far
	hwmKB int64     // the child's peak RSS since the previous mark
}

// fileDone is one file event of the ingest: a file finished loading.
type fileDone struct {
	name, kind, outcome string
	rows                int64
	at                  time.Time
	cpu                 float64 // the child's CPU seconds so far
}

// watch is what watchRun saw of one child process.
type watch struct {
	marks      []mark
	files      []fileDone
	tail       []string // the last log lines, for error messages
	resetPeaks bool     // per-phase peaks (clear_refs worked)
	maxrssKB   int64    // peak RSS the kernel reported at exit
	cpuTotal   float64  // CPU seconds at exit
	exitAt     time.Time
	exitErr    error
	lastReset  time.Time // when the peak was last reset
	modelsKB   int64     // the highest model peak since the last mark
	poll       hwmPoll
	models     []modelTook
	trace      bool // echo phase, file and model lines (DROPWATCH_BENCH_TRACE)
}

// modelTook is one model's build time, from its event, and the child's
// peak RSS while it was built (0 when peaks cannot be reset per model).
type modelTook struct {
	name  string
	took  time.Duration
	hwmKB int64
}

// hwmPoll is the child's VmHWM as last polled, for the final mark: by
// the time the parent reads the last log line the child may have exited.
type hwmPoll struct {
	mu sync.Mutex
	kb int64
	at time.Time // when the read began
}

// run polls pid's VmHWM every 100 ms until stop is closed.
func (p *hwmPoll) run(pid int, stop <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		at := time.Now()
		if kb, err := procHWM(pid); err == nil {
			p.mu.Lock()
			p.kb, p.at = kb, at
			p.mu.Unlock()
		}
	}
}

// since is the last polled value if its read began after t, else 0.
func (p *hwmPoll) since(t time.Time) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.at.After(t) {
		return p.kb
	}
	return 0
}

// watchRun follows a started child's stderr (the child runs with
// --events -) until it exits, marking each phase event and the final
// published event.
func watchRun(cmd *exec.Cmd, lines *bufio.Scanner, start time.Time) *watch {
	pid := cmd.Process.Pid
	w := &watch{marks: []mark{{name: "startup", at: start}}, trace: os.Getenv("DROPWATCH_BENCH_TRACE") != ""}
	w.resetPeaks = resetPeak(pid) == nil
	w.lastReset = time.Now()
	stop := make(chan struct{})
	go w.poll.run(pid, stop)
	defer close(stop)
	lines.Buffer(make([]byte, 64<<10), 4<<20)
	for lines.Scan() {
		w.line(pid, lines.Text())
	}
	w.exitErr = cmd.Wait()
	w.exitAt = time.Now()
	if st := cmd.ProcessState; st != nil {
		w.cpuTotal = (st.UserTime() + st.SystemTime()).Seconds()
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			w.maxrssKB = ru.Maxrss
		}
	}
	return w
}

// line handles one log line of the child.
func (w *watch) line(pid int, line string) {
	ev, ok := runEvent(line)
	if !ok {
		w.keep(line)
		return
	}
	switch ev.Kind {
	case pipeline.EventPhase:
		w.markAt(pid, string(ev.Phase))
	case pipeline.EventPublished:
		w.markAt(pid, "end")
	case pipeline.EventFile:
		cpu, _ := procCPU(pid)
		w.files = append(w.files, fileDone{name: ev.File.File, kind: ev.File.Kind,
			outcome: string(ev.File.Outcome), rows: ev.File.Rows, at: time.Now(), cpu: cpu})
	case pipeline.EventModel:
		w.models = append(w.models, modelTook{name: ev.Model, took: ev.Took, hwmKB: w.modelPeak(pid)})
	default:
		return
	}
	if w.trace {
		fmt.Fprintf(os.Stderr, "scale +%.0fs %s\n", time.Since(w.marks[0].at).Seconds(), line)
	}
}

// modelPeak returns the peak RSS since the model before ended and resets
// it, keeping the phase's peak in modelsKB; 0 when peaks cannot be reset.
func (w *watch) modelPeak(pid int) int64 {
	if !w.resetPeaks {
		return 0
	}
	hwm, err := procHWM(pid)
	if err != nil {
		return 0
	}
	w.modelsKB = max(w.modelsKB, hwm)
	_ = resetPeak(pid)
	w.lastReset = time.Now()
	return hwm
}

// markAt records a boundary: the peak of the phase that just ended (the
// highest of its models' too), then resets the peak for the next one.
func (w *watch) markAt(pid int, name string) {
	now := time.Now()
	cpu, _ := procCPU(pid)
	hwm, err := procHWM(pid)
	if err != nil { // the child has exited
		hwm = w.poll.since(w.lastReset)
	}
	hwm, w.modelsKB = max(hwm, w.modelsKB), 0
	w.marks = append(w.marks, mark{name: name, at: now, cpu: cpu, hwmKB: hwm})
	if w.resetPeaks && name != "end" {
		_ = resetPeak(pid)
		w.lastReset = time.Now()
	}
}

func (w *watch) keep(line string) {
	w.tail = append(w.tail, line)
	if len(w.tail) > 20 {
		w.tail = w.tail[1:]
	}
}

// logValue reads a value, quoted or bare, and returns it with its length.
func logValue(s string) (string, int) {
	if strings.HasPrefix(s, `"`) {
		if q, err := strconv.QuotedPrefix(s); err == nil {
			v, _ := strconv.Unquote(q)
			return v, len(q)
		}
	}
	if sp := strings.IndexByte(s, ' '); sp >= 0 {
		return s[:sp], sp
	}
	return s, len(s)
}

// procCPU is a process's user+system CPU seconds, all threads included.
func procCPU(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	ut, _ := strconv.ParseFloat(f[11], 64) // field 14, utime
	st, _ := strconv.ParseFloat(f[12], 64) // field 15, stime
	return (ut + st) / clockTicks, nil
}

// procHWM is a process's peak resident set (VmHWM) in KiB.
func procHWM(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM for %d", pid)
}

// resetPeak sets a process's VmHWM back to its current RSS.
func resetPeak(pid int) error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}
