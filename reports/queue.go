package reports

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"sync"
	"sync/atomic"
)

// queue holds the files of a site in the order Site lists them. The
// writers (writePublic, writeRestricted) only add to it; run renders and
// writes the files on a bounded pool of workers, since the pages and
// workbooks are independent of each other and of the database.
type queue struct {
	jobs []job
	// reuse, when set, lets workbooks whose inputs did not change come
	// from an earlier site, and records every workbook's digest in done.
	reuse *reuse
	done  map[string]digest
}

// job is one file: a page or a workbook of a tier, made by make.
type job struct {
	t        tier
	name     string
	workbook bool
	// inputs are everything a workbook's bytes depend on besides the
	// program and its path (reuse.inputs); none: always rendered.
	inputs []any
	make   func() ([]byte, error)
}

// outcome is what doing a job gave: the workbook's record and whether the
// earlier site's file was taken.
type outcome struct {
	rec    digest
	reused bool
}

// add queues a file.
func (q *queue) add(j job) { q.jobs = append(q.jobs, j) }

// run makes and writes every queued file on up to workers goroutines
// (GOMAXPROCS when workers < 1) and then lists them in site, in queue
// order. After the first failure no new file is started; the error
// returned is the failed file's that comes first in the queue.
func (q *queue) run(ctx context.Context, site *Site, workers int) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(q.jobs))
	outs := make([]outcome, len(q.jobs))
	next := make(chan int)
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(workers, len(q.jobs)) {
		wg.Go(func() {
			for i := range next {
				if failed.Load() {
					continue
				}
				if outs[i], errs[i] = q.jobs[i].do(ctx, q.reuse); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	for i := range q.jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	q.done = map[string]digest{}
	for i, j := range q.jobs {
		p := path.Join(j.t.rel, j.name)
		if !j.workbook {
			site.Pages = append(site.Pages, p)
			continue
		}
		site.Workbooks = append(site.Workbooks, p)
		if outs[i].reused {
			site.Reused = append(site.Reused, p)
		}
		if outs[i].rec.Inputs != "" {
			q.done[p] = outs[i].rec
		}
	}
	return nil
}

// do writes the file into its tier: a workbook whose inputs are those the
// earlier site recorded is taken from there (r.take), any other file is
// made. r may be nil (nothing reused, nothing recorded).
func (j job) do(ctx context.Context, r *reuse) (outcome, error) {
	if err := ctx.Err(); err != nil {
		return outcome{}, err
	}
	var inputs string
	if j.workbook && r != nil {
		rel := path.Join(j.t.rel, j.name)
		inputs = r.inputs(rel, j.inputs)
		if old, ok := r.prev[rel]; ok && inputs != "" && old.Inputs == inputs {
			// A file that cannot be taken is rendered instead.
			if r.take(j.t, j.name, old) == nil {
				return outcome{rec: old, reused: true}, nil
			}
		}
	}
	b, err := j.make()
	if err == nil {
		err = j.t.write(j.name, b)
	}
	if err != nil {
		return outcome{}, fmt.Errorf("write %s: %w", j.t.rel, err)
	}
	return outcome{rec: record(inputs, b)}, nil
}
