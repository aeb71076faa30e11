package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dropwatch/schedules"
)

// graceTimeout is how long a run may take to stop after the first SIGINT
// or SIGTERM before the process ends anyway.
const graceTimeout = 30 * time.Second

// stopTimeout is how long the process waits after the first signal for
// the command in args: graceTimeout for a run, and for serve its --grace
// (the time it gives a running job, default schedules.DefaultGrace) plus
// graceTimeout, so the daemon can abandon the job and record it first.
func stopTimeout(args []string) time.Duration {
	if len(args) == 0 || args[0] != "serve" {
		return graceTimeout
	}
	grace := schedules.DefaultGrace
	for i, a := range args {
		v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "grace=")
		if !ok && strings.TrimLeft(a, "-") == "grace" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if d, err := time.ParseDuration(v); ok && err == nil {
			grace = d
		}
	}
	return grace + graceTimeout
}

// exitInterrupted is the exit code when the process is ended by a second
// signal or the grace timeout (128 + SIGINT, as shells report it).
const exitInterrupted = 130

// watchSignals cancels the returned context at the first signal from
// sigs, so the run stops at its next step and cleans up (nothing published
// changes). If the run has not returned after grace, or a second signal
// comes, it says so on stderr and calls exit: a run stuck in a system call
// (a file that blocks, a hung disk) must never keep the run lock until
// someone uses kill -9. Cancel the returned func when the command is done.
func watchSignals(parent context.Context, sigs <-chan os.Signal, grace time.Duration, stderr io.Writer, exit func(int)) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	go func() {
		var first os.Signal
		select {
		case first = <-sigs:
		case <-done:
			return
		}
		fmt.Fprintf(stderr, "收到 %v，正在停止；再按一次 Ctrl+C 或 %s 后强制结束 / got %v: stopping; a second signal or %s ends the process\n",
			first, grace, first, grace)
		cancel()
		timer := time.NewTimer(grace)
		defer timer.Stop()
		select {
		case s := <-sigs:
			fmt.Fprintf(stderr, "再次收到 %v，立即结束；未完成的运行不发布任何东西，下次运行会清理它留下的工作副本 / got %v again: exiting now; the unfinished run published nothing\n", s, s)
		case <-timer.C:
			fmt.Fprintf(stderr, "停止超过 %s，强制结束；未完成的运行不发布任何东西 / not stopped after %s: exiting; the unfinished run published nothing\n", grace, grace)
		case <-done:
			return
		}
		exit(exitInterrupted)
	}()
	var once bool
	return ctx, func() {
		if !once {
			once = true
			close(done)
		}
		cancel()
	}
}

// terminalSafe writes every control character of s except newline and tab
// as a Go escape (\x1b), so a file name or a cell value holding escape
// codes cannot move the cursor, clear the screen or retitle the clerk's
// terminal.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, isUnsafeControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isUnsafeControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isUnsafeControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }
