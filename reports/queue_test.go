package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// newQueueTier is a tier in a temp dir whose files go to a fresh queue.
func newQueueTier(t *testing.T) tier {
	t.Helper()
	root := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(root, publicDirMode); err != nil {
		t.Fatal(err)
	}
	return tier{root: root, rel: "public", dirMode: publicDirMode, fileMode: publicFileMode, q: &queue{}}
}

// Files finish out of order on four workers (later ones sleep less); the
// site still lists them in the order they were queued, each holds what
// its own job made, and every worker was busy at some point.
func TestQueueListsInOrder(t *testing.T) {
	tr := newQueueTier(t)
	var want []string
	var running, peak atomic.Int32
	for i := range 40 {
		name := fmt.Sprintf("f%02d.html", i)
		want = append(want, "public/"+name)
		tr.q.add(job{t: tr, name: name, make: func() ([]byte, error) {
			n := running.Add(1)
			defer running.Add(-1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Duration(40-i) * 200 * time.Microsecond)
			return []byte(name), nil
		}})
	}
	site := &Site{}
	if err := tr.q.run(context.Background(), site, 4); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(site.Pages, want) {
		t.Errorf("pages:\n got %v\nwant %v", site.Pages, want)
	}
	for _, p := range want {
		name := filepath.Base(p)
		if got := readFile(t, filepath.Join(tr.root, name)); got != name {
			t.Errorf("%s holds %q", name, got)
		}
	}
	if p := peak.Load(); p < 2 {
		t.Errorf("at most %d file made at a time on 4 workers", p)
	}
}

// A failed file fails the run with its name; no file is started after
// it (one worker, so the ones after it are not yet started), and the site
// lists nothing.
func TestQueueStopsAtFailure(t *testing.T) {
	tr := newQueueTier(t)
	var after atomic.Int32
	boom := errors.New("boom")
	tr.page("bad.html", "no-such-template", nil)
	for i := range 5 {
		tr.workbook(fmt.Sprintf("w%d.xlsx", i), func() ([]byte, error) { after.Add(1); return nil, nil })
	}
	tr.workbook("late.xlsx", func() ([]byte, error) { return nil, boom })
	site := &Site{}
	err := tr.q.run(context.Background(), site, 1)
	if err == nil || errors.Is(err, boom) {
		t.Fatalf("got %v, want the error of bad.html", err)
	}
	if want := "write public: render bad.html:"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q does not start with %q", err, want)
	}
	if n := after.Load(); n != 0 {
		t.Errorf("%d files made after the failure", n)
	}
	if len(site.Pages)+len(site.Workbooks) != 0 {
		t.Errorf("a failed run listed %v %v", site.Pages, site.Workbooks)
	}
}

// A cancelled context writes nothing and says so.
func TestQueueCancelled(t *testing.T) {
	tr := newQueueTier(t)
	tr.workbook("a.xlsx", func() ([]byte, error) { return []byte("x"), nil })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tr.q.run(ctx, &Site{}, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(tr.root, "a.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a.xlsx written after cancel: %v", err)
	}
}
