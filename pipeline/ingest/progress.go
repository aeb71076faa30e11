package ingest

import (
	"io"
	"time"
)

// Progress reports how far the load of one file has come.
type Progress struct {
	File     string
	Rows     int64
	Fraction float64 // share of the file read, 0..1; -1 when unknown
	Elapsed  time.Duration
	Done     bool // the last report of the file
}

// RowsPerSecond is the load rate so far.
func (p Progress) RowsPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Rows) / p.Elapsed.Seconds()
}

// fractioner is implemented by sources that know how much of the file
// they have read.
type fractioner interface{ Fraction() float64 }

// progressEvery is how often a long file reports progress.
const progressEvery = time.Second

// meter calls report at most once per progressEvery while a file loads.
type meter struct {
	report func(Progress)
	every  time.Duration
	src    Rows
	file   string
	start  time.Time
	last   time.Time
}

func newMeter(report func(Progress), every time.Duration, src Rows, file string) *meter {
	if every <= 0 {
		every = progressEvery
	}
	now := time.Now()
	return &meter{report: report, every: every, src: src, file: file, start: now, last: now}
}

// tick is called once per row; it looks at the clock every 4096 rows.
func (m *meter) tick(rows int64, done bool) {
	if m == nil || m.report == nil || (!done && rows%4096 != 0) {
		return
	}
	now := time.Now()
	if !done && now.Sub(m.last) < m.every {
		return
	}
	if done && now.Sub(m.start) < m.every {
		return // short files stay quiet
	}
	m.last = now
	frac := -1.0
	if f, ok := m.src.(fractioner); ok {
		frac = f.Fraction()
	}
	m.report(Progress{File: m.file, Rows: rows, Fraction: frac, Elapsed: now.Sub(m.start), Done: done})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
