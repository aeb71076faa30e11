package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"dropwatch/pipeline/ingest"
)

// progressPrinter shows the load of long files: one updating line on a
// terminal, a log line about every ten seconds otherwise.
func progressPrinter(w io.Writer, log *slog.Logger) func(ingest.Progress) {
	if isTerminal(w) {
		return func(p ingest.Progress) {
			pct := ""
			if p.Fraction >= 0 {
				pct = fmt.Sprintf(" %3.0f%%", 100*p.Fraction)
			}
			end := ""
			if p.Done {
				end = "\n"
			}
			fmt.Fprintf(w, "\r装载 %s:%s %d 行，%.0f 行/秒   %s", terminalSafe(p.File), pct, p.Rows, p.RowsPerSecond(), end)
		}
	}
	var lastLogged int64
	return func(p ingest.Progress) {
		if !p.Done && int64(p.Elapsed.Seconds())/10 == lastLogged {
			return
		}
		lastLogged = int64(p.Elapsed.Seconds()) / 10
		log.Info("progress", "file", p.File, "rows", p.Rows, "fraction", fmt.Sprintf("%.2f", p.Fraction),
			"rows_per_s", int64(p.RowsPerSecond()), "done", p.Done)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
