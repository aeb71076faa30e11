package query

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// LineReader reads one edited line at a time with a prompt; x/term's
// Terminal is one.
type LineReader interface {
	ReadLine() (string, error)
	SetPrompt(prompt string)
}

const (
	promptFirst = "dropwatch> "
	promptMore  = "      ...> "
)

// Interactive runs a session: statements end with a semicolon and may span
// lines; dot commands take one line. An error is printed and the session
// goes on; end of input (Ctrl-D, Ctrl-C) or .quit ends it. Output goes to
// the shell's Out, which for a terminal in raw mode must be the terminal.
func (s *Shell) Interactive(ctx context.Context, in LineReader) error {
	fmt.Fprintf(s.Out, "dropwatch sql — %s（只读 / read-only）\n输入 .help 查看帮助，.quit 退出 / .help for help, .quit to leave\n", s.Path)
	var buf strings.Builder
	print := func(err error) error {
		if err != nil {
			fmt.Fprintln(s.Out, "错误 / error:", err)
		}
		return nil
	}
	for {
		if buf.Len() == 0 {
			in.SetPrompt(promptFirst)
		} else {
			in.SetPrompt(promptMore)
		}
		line, err := in.ReadLine()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		if err := s.feed(ctx, &buf, line, print); errors.Is(err, errQuit) {
			return nil
		}
	}
}

// FileHistory is the line history of interactive sessions, kept in a file
// so it survives the session (newest last, at most Max lines). It
// implements x/term's History.
type FileHistory struct {
	Path    string
	Max     int
	entries []string // oldest first
}

// LoadHistory reads the history file; a missing file is an empty history.
func LoadHistory(path string, max int) *FileHistory {
	h := &FileHistory{Path: path, Max: max}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		if t := sc.Text(); t != "" {
			h.entries = append(h.entries, t)
			n++
		}
	}
	h.trim()
	if n > 2*max { // keep the file bounded too
		os.WriteFile(path, []byte(strings.Join(h.entries, "\n")+"\n"), 0o600)
	}
	return h
}

func (h *FileHistory) trim() {
	if h.Max > 0 && len(h.entries) > h.Max {
		h.entries = h.entries[len(h.entries)-h.Max:]
	}
}

// Add records a line and appends it to the file (best effort: a history
// that cannot be written must not end the session).
func (h *FileHistory) Add(entry string) {
	if strings.TrimSpace(entry) == "" {
		return
	}
	h.entries = append(h.entries, entry)
	h.trim()
	if h.Path == "" {
		return
	}
	f, err := os.OpenFile(h.Path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	fmt.Fprintln(f, entry)
	f.Close()
}

// Len is the number of lines held.
func (h *FileHistory) Len() int { return len(h.entries) }

// At returns a line, 0 being the newest.
func (h *FileHistory) At(i int) string { return h.entries[len(h.entries)-1-i] }
