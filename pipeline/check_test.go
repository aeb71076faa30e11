package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check finds a published warehouse truncated anywhere: by whole blocks at
// its end (DuckDB still opens such a file and counts its rows; the seal's
// size gives it away), by one byte, to half, to its headers, to nothing,
// and, without a seal, to half. Each time the message names the newest
// backup and the command that restores it.
func TestCheckFindsTruncation(t *testing.T) {
	ctx := context.Background()
	_, r, _ := publishedFixture(t)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	if err := wh.Check(ctx, r.Log); err != nil {
		t.Fatalf("a good warehouse: %v", err)
	}
	good, err := os.ReadFile(wh.Path)
	if err != nil {
		t.Fatal(err)
	}
	dir := BackupDir(wh.Path)
	noErr(t, os.MkdirAll(dir, 0o755))
	for _, name := range []string{"dropwatch-20260101.duckdb", "dropwatch-20260102.duckdb"} {
		noErr(t, os.WriteFile(filepath.Join(dir, name), good, 0o644))
	}
	newest := filepath.Join(dir, "dropwatch-20260102.duckdb")
	const block = 256 << 10
	n := int64(len(good))
	cuts := []struct {
		name string
		size int64
		want string
	}{
		{"last block", n - block, "truncated"},
		{"two blocks", n - 2*block, "truncated"},
		{"one byte", n - 1, "truncated"},
		{"half", n / 2, "truncated"},
		{"headers only", 12288, "truncated"},
		{"empty", 0, "empty"},
	}
	for _, c := range cuts {
		noErr(t, os.WriteFile(wh.Path, good[:c.size], 0o644))
		checkDamaged(t, wh, c.name, c.want, newest)
	}
	noErr(t, os.Remove(SealPath(wh.Path)))
	noErr(t, os.WriteFile(wh.Path, good[:n/2], 0o644))
	checkDamaged(t, wh, "half, no seal", "DuckDB cannot open or read it", newest)
}

func checkDamaged(t *testing.T, wh *Warehouse, name, problem, backup string) {
	t.Helper()
	err := wh.Check(context.Background(), discardLog())
	var d *DamagedError
	if !errors.As(err, &d) {
		t.Errorf("%s: Check = %v, want a DamagedError", name, err)
		return
	}
	msg := d.Error()
	for _, want := range []string{problem, wh.Path, "损坏", "damaged", backup, RestoreCommand(wh.Path, backup)} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s: message lacks %q:\n%s", name, want, msg)
		}
	}
}

// A sealed warehouse whose size changed but which still reads completely
// (someone's DuckDB session rewrote it) is accepted; with no backup, the
// message for a damaged file says how to rebuild instead.
func TestCheckAcceptsChangedButWhole(t *testing.T) {
	_, r, _ := publishedFixture(t)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	b, err := os.ReadFile(SealPath(wh.Path))
	if err != nil {
		t.Fatalf("no seal after a publish: %v", err)
	}
	var s seal
	noErr(t, json.Unmarshal(b, &s))
	s.Size += 4096
	b, _ = json.Marshal(s)
	noErr(t, os.WriteFile(SealPath(wh.Path), b, 0o644))
	if err := wh.Check(context.Background(), discardLog()); err != nil {
		t.Errorf("a whole file whose size differs from its seal: %v", err)
	}
	noErr(t, os.Truncate(wh.Path, 4096))
	err = wh.Check(context.Background(), discardLog())
	if err == nil || !strings.Contains(err.Error(), "没有备份") || !strings.Contains(err.Error(), "rebuild from the files in the inbox") {
		t.Errorf("damaged, no backup: %v", err)
	}
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
