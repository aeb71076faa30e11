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
type queue struct{ jobs []job }

// job is one file: a page or a workbook of a tier, made by make.
type job struct {
	t        tier
	name     string
	workbook bool
	make     func() ([]byte, error)
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
	next := make(chan int)
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(workers, len(q.jobs)) {
		wg.Go(func() {
			for i := range next {
				if failed.Load() {
					continue
				}
				if errs[i] = q.jobs[i].do(ctx); errs[i] != nil {
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
	for _, j := range q.jobs {
		p := path.Join(j.t.rel, j.name)
		if j.workbook {
			site.Workbooks = append(site.Workbooks, p)
		} else {
			site.Pages = append(site.Pages, p)
		}
	}
	return nil
}

// do makes the file and writes it into its tier.
func (j job) do(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := j.make()
	if err == nil {
		err = j.t.write(j.name, b)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", j.t.rel, err)
	}
	return nil
}
