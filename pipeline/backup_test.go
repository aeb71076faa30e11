package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corruptDataBlock flips bytes inside one data block of a DuckDB file so
// that opening it and counting rows still works (the start check passes)
// but reading every value fails on the block's checksum: the size does not
// change, so the seal cannot tell. It tries the blocks in turn and fails
// the test when none behaves so. With schema set, reading that schema's
// tables must fail too.
func corruptDataBlock(t *testing.T, path, schema string) {
	t.Helper()
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const header, block = 12288, 256 << 10
	ctx := context.Background()
	for off := int64(header) + block; off+block <= int64(len(good)); off += block {
		bad := bytes.Clone(good)
		for i := off + 64; i < off+block; i += 4096 {
			bad[i] ^= 0xff
		}
		noErr(t, os.WriteFile(path, bad, 0o644))
		if checkDB(ctx, path, false) == nil && checkDB(ctx, path, true) != nil &&
			(schema == "" || readSchema(t, path, schema) != nil) {
			return
		}
	}
	noErr(t, os.WriteFile(path, good, 0o644))
	t.Fatal("no block of the warehouse is read only by a full scan")
}

// readSchema reads every value of every table of schema.
func readSchema(t *testing.T, path, schema string) error {
	db, err := openDB(path, DuckDB{}, true)
	if err != nil {
		return err
	}
	defer db.Close()
	tables := queryStrings(t, db, "SELECT table_name FROM duckdb_tables() WHERE schema_name = '"+schema+"'")
	for _, tb := range tables {
		var n any
		if err := db.QueryRow("SELECT sum(hash(t)) FROM " + schema + "." + quoteIdent(tb) + " t").Scan(&n); err != nil {
			return err
		}
	}
	return nil
}

// A backup reads its copy whole before it may push an older backup out:
// with a damaged data block the nightly backup fails naming the newest
// good backup and the restore command, and the backups stay as they were.
// Before, the damaged file (same size as sealed, rows countable) was copied
// over and, with keep 1, the last good backup removed.
func TestBackupRefusesDamagedBlocks(t *testing.T) {
	_, r, _ := publishedFixture(t)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	dir := BackupDir(wh.Path)
	day := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	goodBackup, err := wh.Backup(dir, 1, day)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(goodBackup)
	if err != nil {
		t.Fatal(err)
	}
	corruptDataBlock(t, wh.Path, "")
	if err := wh.Check(context.Background(), r.Log); err != nil {
		t.Fatalf("the start check should not see this damage (that is why the backup reads everything): %v", err)
	}
	_, err = wh.Backup(dir, 1, day.AddDate(0, 0, 1))
	var d *DamagedError
	if !errors.As(err, &d) || d.Backup != absPath(goodBackup) || !strings.Contains(err.Error(), RestoreCommand(d.Path, d.Backup)) {
		t.Fatalf("err = %v, want a DamagedError naming %s and the restore command", err, goodBackup)
	}
	all, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(all) != 1 || all[0] != goodBackup {
		t.Errorf("backups now %v, want only %s", all, goodBackup)
	}
	if got, _ := os.ReadFile(goodBackup); !bytes.Equal(got, want) {
		t.Error("the good backup changed")
	}
}

// A run over a warehouse with a damaged data block fails in a model with
// DuckDB's English checksum text; the run explains it as a damaged
// warehouse, naming the newest backup and the restore command. Before, the
// clerk got DuckDB's text alone.
func TestRunExplainsDamagedBlock(t *testing.T) {
	_, r, _ := publishedFixture(t)
	wh := &Warehouse{Path: r.Config.Paths.Warehouse}
	backup, err := wh.Backup(BackupDir(wh.Path), 7, time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	corruptDataBlock(t, wh.Path, "raw")
	r.Full = true // a run that builds (nothing new would skip the build)
	_, err = r.Execute(context.Background())
	var d *DamagedError
	if !errors.As(err, &d) || d.Backup != absPath(backup) || !strings.Contains(err.Error(), "校验和") {
		t.Fatalf("err = %v, want a DamagedError about a checksum naming %s", err, backup)
	}
}

// DuckDB out of memory gets a Chinese lead line and the setting to change.
func TestRunExplainsOutOfMemory(t *testing.T) {
	root := t.TempDir()
	writeFixture(t, filepath.Join(root, "inbox"))
	r := testRun(t, root)
	r.Config.DuckDB.MemoryLimit = "1MB"
	_, err := r.Execute(context.Background())
	var m *MemoryError
	if !errors.As(err, &m) || !strings.Contains(err.Error(), "duckdb.memory_limit（现为 1MB）") {
		t.Fatalf("err = %v, want a MemoryError naming the limit", err)
	}
}
