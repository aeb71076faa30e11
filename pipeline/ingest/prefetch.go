package ingest

// prefetchRows is how many rows a chunk of prefetched holds: enough that
// handing a chunk over costs little per row, few enough that the reader
// stays a few hundred rows ahead, not a file.
const prefetchRows = 512

// prefetched reads the rows of src on a goroutine of its own, a few chunks
// ahead of the caller: decoding and splitting the file runs on one core
// while the rows before are checked on another (and DuckDB inserts the
// batches before those on a third goroutine, sink_arrow.go). It yields the
// same rows, row numbers and error as src, in the same order. Only the
// reading goroutine touches src until Close returns.
type prefetched struct {
	sheet  string
	chunks chan *rowChunk // filled chunks, in order; the last carries the error
	free   chan *rowChunk // chunks the caller is done with, for reuse
	quit   chan struct{}  // closed by Close
	done   chan struct{}  // closed when the reading goroutine returns
	cur    *rowChunk
	i      int
}

// rowChunk is a run of rows: the cells of every row one after the other,
// where each row ends, its row number, and the share of the file read
// when the chunk was full.
type rowChunk struct {
	cells []string
	ends  []int
	nums  []int
	frac  float64
	err   error // after the last row: io.EOF or the read error
}

// prefetch starts reading src; Close it before closing src.
func prefetch(src Rows) *prefetched {
	p := &prefetched{sheet: src.Sheet(), chunks: make(chan *rowChunk, 4), free: make(chan *rowChunk, 6),
		quit: make(chan struct{}), done: make(chan struct{}), cur: &rowChunk{}}
	go p.read(src)
	return p
}

func (p *prefetched) read(src Rows) {
	defer close(p.done)
	fr, _ := src.(fractioner)
	for {
		c := p.chunk()
		for len(c.nums) < prefetchRows && c.err == nil {
			rec, num, err := src.Next()
			if err != nil {
				c.err = err
				break
			}
			c.cells = append(c.cells, rec...)
			c.ends, c.nums = append(c.ends, len(c.cells)), append(c.nums, num)
		}
		c.frac = -1
		if fr != nil {
			c.frac = fr.Fraction()
		}
		select {
		case p.chunks <- c:
		case <-p.quit:
			return
		}
		if c.err != nil {
			return
		}
	}
}

// chunk returns an empty chunk, reusing one the caller is done with.
func (p *prefetched) chunk() *rowChunk {
	select {
	case c := <-p.free:
		clear(c.cells) // let the strings of its rows go
		c.cells, c.ends, c.nums = c.cells[:0], c.ends[:0], c.nums[:0]
		return c
	default:
		return &rowChunk{}
	}
}

// Next returns the next row; its slice is valid until the next call.
func (p *prefetched) Next() ([]string, int, error) {
	for p.i >= len(p.cur.nums) {
		if p.cur.err != nil {
			return nil, 0, p.cur.err
		}
		select {
		case p.free <- p.cur:
		default:
		}
		p.cur, p.i = <-p.chunks, 0
	}
	start := 0
	if p.i > 0 {
		start = p.cur.ends[p.i-1]
	}
	rec, num := p.cur.cells[start:p.cur.ends[p.i]:p.cur.ends[p.i]], p.cur.nums[p.i]
	p.i++
	return rec, num, nil
}

// Sheet is src's.
func (p *prefetched) Sheet() string { return p.sheet }

// Fraction is the share of the file read when the current chunk was.
func (p *prefetched) Fraction() float64 { return p.cur.frac }

// Close ends the reading goroutine and waits for it; src is the caller's
// again, to close. Call it once.
func (p *prefetched) Close() error {
	close(p.quit)
	<-p.done
	return nil
}
