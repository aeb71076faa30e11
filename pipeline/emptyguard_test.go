package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An empty inbox after the warehouse was lost would publish an empty site
// over the full one (the old code did, exit 0): the run refuses, says why,
// and leaves the published site (and the missing warehouse) as they were.
func TestEmptyRunNeverReplacesFullSite(t *testing.T) {
	root, r, _ := publishedFixture(t)
	if err := os.Remove(r.Config.Paths.Warehouse); err != nil {
		t.Fatal(err)
	}
	os.Remove(r.Config.Paths.Warehouse + ".seal")
	inbox := r.Config.Paths.Inbox
	if err := os.RemoveAll(inbox); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	site := func() map[string]string {
		s := map[string]string{}
		for _, tier := range Tiers {
			for k, v := range snapshot(t, filepath.Join(r.Config.Paths.Out, tier)) {
				s[tier+"/"+k] = v
			}
		}
		return s
	}
	before := site()
	_, err := r.Execute(context.Background())
	var e *EmptyPublishError
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "未发布") || e.Published <= 0 {
		t.Fatalf("err = %v, want an EmptyPublishError naming the children published", err)
	}
	if d := diff(before, site()); len(d) > 0 {
		t.Errorf("published files changed: %v", d)
	}
	if _, err := os.Stat(r.Config.Paths.Warehouse); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a warehouse was published: %v", err)
	}
	tmp, _ := filepath.Glob(filepath.Join(r.Config.Paths.Out, ".releases", "*.tmp"))
	left, _ := filepath.Glob(r.Config.Paths.Warehouse + ".work-*")
	if len(tmp)+len(left) > 0 {
		t.Errorf("the refused run left %v %v", tmp, left)
	}
	// With the files back the run publishes again.
	writeFixture(t, inbox)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Errorf("run with the files back: %v", err)
	}
	_ = root
}

// Two runs with different warehouses and one out folder never run at once:
// the second fails at start, naming the report folder (before, each pruned
// the other's staged release).
func TestRunsSharingOutFolderDoNotOverlap(t *testing.T) {
	root, r, _ := publishedFixture(t)
	other := *r
	other.Config.Paths.Warehouse = filepath.Join(root, "wh2", "other.duckdb")
	held, err := (&Site{Out: r.Config.Paths.Out}).lock()
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.Execute(context.Background())
	held.Close()
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "报表文件夹") {
		t.Fatalf("err = %v, want ErrBusy naming the report folder", err)
	}
	if _, err := other.Execute(context.Background()); err != nil {
		t.Errorf("after the other run ended: %v", err)
	}
}
