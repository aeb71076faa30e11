package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/fstest"

	"dropwatch"
)

// withExtra returns the embedded SQL plus extra files.
func withExtra(t *testing.T, extra map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dropwatch.SQL(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dropwatch.SQL(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, body := range extra {
		m[p] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

// snapshot hashes every file reachable under root (following the site's
// links), so two snapshots are equal only when the bytes are.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	var walk func(dir, rel string)
	walk = func(dir, rel string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			p, r := filepath.Join(dir, e.Name()), filepath.Join(rel, e.Name())
			st, err := os.Stat(p) // follows links
			if err != nil {
				t.Fatal(err)
			}
			if st.IsDir() {
				walk(p, r)
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256(b)
			out[r] = hex.EncodeToString(h[:])
		}
	}
	walk(root, "")
	return out
}

func published(t *testing.T, r *Run) map[string]string {
	t.Helper()
	s := map[string]string{}
	for _, tier := range Tiers {
		for k, v := range snapshot(t, filepath.Join(r.Config.Paths.Out, tier)) {
			s[tier+"/"+k] = v
		}
	}
	b, err := os.ReadFile(r.Config.Paths.Warehouse)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	s["warehouse"] = hex.EncodeToString(h[:])
	return s
}

func diff(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// publishedFixture runs the fixture town once and returns the run and a
// snapshot of what it published.
func publishedFixture(t *testing.T) (string, *Run, map[string]string) {
	t.Helper()
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	return root, r, published(t, r)
}

func TestFailedTestsPublishNothing(t *testing.T) {
	root, r, before := publishedFixture(t)

	// A new file arrives, but an error-level data test fails: nothing may
	// be published, and the new file's load is not kept either. (The new
	// roster lists every child of the term before, so that only the test
	// below fails, not enrolment_drop_explained.)
	extra := primaryT2(4, "1")
	if err := os.WriteFile(filepath.Join(root, "inbox", "名册_小学_2025_2.csv"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	r.SQL = withExtra(t, map[string]string{
		"tests/always_fails.sql": "-- severity: error\nSELECT 1 AS broken",
		"tests/only_warns.sql":   "-- severity: warn\nSELECT 1 AS odd",
	})
	_, err := r.Execute(context.Background())
	var tf *TestsFailedError
	if !errors.As(err, &tf) || len(tf.Failed) != 1 || tf.Failed[0].Test != "always_fails" {
		t.Fatalf("err = %v, want the failing data test (and not the warning)", err)
	}
	if d := diff(before, published(t, r)); len(d) > 0 {
		t.Errorf("published files changed after a failed run: %v", d)
	}
	left, _ := filepath.Glob(r.Config.Paths.Warehouse + ".work-*")
	tmp, _ := filepath.Glob(filepath.Join(r.Config.Paths.Out, ".releases", "*.tmp"))
	if len(left)+len(tmp) > 0 {
		t.Errorf("failed run left %v %v", left, tmp)
	}
}

func TestBrokenModelPublishesNothing(t *testing.T) {
	_, r, before := publishedFixture(t)
	r.SQL = withExtra(t, map[string]string{
		"mart/zz_broken.sql": "CREATE OR REPLACE TABLE mart.zz_broken AS SELECT no_such_column FROM staging.roster;",
	})
	if _, err := r.Execute(context.Background()); err == nil {
		t.Fatal("a run with a broken model succeeded")
	}
	if d := diff(before, published(t, r)); len(d) > 0 {
		t.Errorf("published files changed after a failed run: %v", d)
	}
}

func TestSecondRunWaitsForFirst(t *testing.T) {
	root := t.TempDir()
	wh := &Warehouse{Path: filepath.Join(root, "w.duckdb")}
	first, err := wh.Begin("a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wh.Begin("b"); !errors.Is(err, ErrBusy) {
		t.Errorf("second Begin: err = %v, want ErrBusy", err)
	}
	first.Close()
	second, err := wh.Begin("c")
	if err != nil {
		t.Fatalf("Begin after the first run ended: %v", err)
	}
	second.Close()
}
