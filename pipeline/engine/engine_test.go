package engine

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The settings reach DuckDB: a handle opened with them reports them back,
// and a read-only handle cannot write.
func TestOpenAppliesSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(path, Settings{MemoryLimit: "300MB", Threads: 1}, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	var mem, threads, tmp string
	err = db.QueryRow(`SELECT current_setting('memory_limit'), current_setting('threads')::VARCHAR,
		current_setting('temp_directory')`).Scan(&mem, &threads, &tmp)
	if err != nil {
		t.Fatal(err)
	}
	if mem != "286.1 MiB" || threads != "1" || tmp != filepath.Join(filepath.Dir(path), ".tmp") {
		t.Errorf("memory_limit %s, threads %s, temp_directory %s", mem, threads, tmp)
	}
	if _, err := db.Exec("CREATE TABLE t AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(path, Settings{Threads: 2}, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.QueryRow(`SELECT current_setting('threads')::VARCHAR`).Scan(&threads); err != nil || threads != "2" {
		t.Errorf("read-only threads %s, %v", threads, err)
	}
	if _, err := ro.Exec("INSERT INTO t VALUES (2)"); err == nil {
		t.Error("a read-only handle wrote")
	}
}

// Open is the only opener: no other non-test file of the module calls
// sql.Open, so no reader can skip the configured limits.
func TestOnlyOpener(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// the go tool ignores directories named with a leading "_" or ".",
		// as it does testdata: no build of the module holds them
		ignored := strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || ignored) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || p == "engine.go" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), "sql.Open(") && filepath.Base(p) != "engine.go" {
			t.Errorf("%s calls sql.Open: open DuckDB with engine.Open", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
