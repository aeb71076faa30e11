package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// BackupDir is the folder the backup job writes to: backups/ beside the
// warehouse (schedules.BackupDir says the same for a Config).
func BackupDir(warehouse string) string {
	return filepath.Join(filepath.Dir(warehouse), "backups")
}

// DamagedError says the published warehouse cannot be used, and how to
// put the newest backup back.
type DamagedError struct {
	Path      string // the published warehouse
	Problem   string // what is wrong, in Chinese and English
	Err       error  // what DuckDB or the file system said
	BackupDir string // where backups are looked for
	Backup    string // the newest backup; empty when there is none
}

// Error is the message for the clerk: the file, the problem, the newest
// backup and the command that restores it.
func (e *DamagedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "已发布的数据仓库已损坏，未做任何改动 / the published warehouse is damaged; nothing was changed\n")
	fmt.Fprintf(&b, "  文件 / file: %s\n", e.Path)
	fmt.Fprintf(&b, "  问题 / problem: %s: %v\n", e.Problem, e.Err)
	if e.Backup == "" {
		fmt.Fprintf(&b, "  备份文件夹 %s 中没有备份 / no backup in %s\n", e.BackupDir, e.BackupDir)
		fmt.Fprintf(&b, "  处理 / what to do: 把损坏的文件移走（不要删除），再运行 dropwatch run，将从收件箱中的文件重建 / move the damaged file aside (keep it) and run again to rebuild from the files in the inbox")
		return b.String()
	}
	fmt.Fprintf(&b, "  最新备份 / newest backup: %s\n", e.Backup)
	fmt.Fprintf(&b, "  恢复命令 / to restore it: %s\n", RestoreCommand(e.Path, e.Backup))
	fmt.Fprintf(&b, "  恢复后再运行 dropwatch run：收件箱中仍在的、备份之后送来的文件会重新装载 / then run again: files in the inbox that came after the backup load again")
	return b.String()
}

// Unwrap returns what DuckDB or the file system said.
func (e *DamagedError) Unwrap() error { return e.Err }

// RestoreCommand is the command line that puts a backup in place of a
// warehouse.
func RestoreCommand(warehouse, backup string) string {
	return "dropwatch restore --warehouse " + shellQuote(warehouse) + " --from " + shellQuote(backup)
}

// Check makes sure the published warehouse can be used before a run copies
// it. It costs little on a file of any size: the size is compared with the
// seal written at publish, and DuckDB opens the file read-only (which
// verifies its headers and reads the catalog) and counts the rows of every
// table (which reads each table's metadata, not its data). Only when the
// size differs from the seal does Check read every block of every table,
// each verified by DuckDB's block checksum: a file that still reads
// completely (rewritten by someone's DuckDB session) is accepted with a
// warning. Nothing published yet is fine. A damaged file gives a
// *DamagedError naming the newest backup.
func (w *Warehouse) Check(ctx context.Context, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	st, err := os.Stat(w.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return w.damaged("无法读取文件信息 / cannot read the file's details", err)
	}
	s, err := readSeal(w.Path)
	if err != nil {
		log.Warn("ignoring unreadable seal", "err", err)
	}
	changed := s != nil && s.Size != st.Size()
	if err := checkDB(ctx, w.Path, changed); err != nil {
		problem := "DuckDB 无法打开或读取 / DuckDB cannot open or read it"
		switch {
		case st.Size() == 0:
			problem = "文件是空的 / the file is empty"
		case changed && st.Size() < s.Size:
			problem = fmt.Sprintf("文件被截断：发布时 %d 字节，现在 %d 字节 / the file was truncated: %d bytes when published, %d now",
				s.Size, st.Size(), s.Size, st.Size())
		case changed:
			problem = fmt.Sprintf("文件在发布后被改动：发布时 %d 字节，现在 %d 字节 / the file changed after it was published: %d bytes then, %d now",
				s.Size, st.Size(), s.Size, st.Size())
		}
		return w.damaged(problem, err)
	}
	if changed {
		log.Warn("published warehouse changed since it was published, but reads completely", "file", w.Path,
			"published_bytes", s.Size, "bytes", st.Size())
	}
	return nil
}

func (w *Warehouse) damaged(problem string, err error) error {
	e := &DamagedError{Path: absPath(w.Path), Problem: problem, Err: err, BackupDir: absPath(BackupDir(w.Path))}
	if all, _ := w.Backups(e.BackupDir); len(all) > 0 {
		e.Backup = absPath(all[len(all)-1])
	}
	return e
}

// checkDB opens a warehouse file read-only and reads every table: its row
// count, or with deep every value (so every data block, each checked
// against its checksum by DuckDB).
func checkDB(ctx context.Context, path string, deep bool) error {
	db, err := openDB(path, DuckDB{}, true)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT schema_name, table_name FROM duckdb_tables()
		WHERE database_name = current_database() AND NOT temporary ORDER BY 1, 2`)
	if err != nil {
		return fmt.Errorf("read catalog: %w", err)
	}
	var tables []string
	for rows.Next() {
		var schema, table string
		if err := rows.Scan(&schema, &table); err != nil {
			rows.Close()
			return fmt.Errorf("read catalog: %w", err)
		}
		tables = append(tables, quoteIdent(schema)+"."+quoteIdent(table))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read catalog: %w", err)
	}
	for _, t := range tables {
		q := "SELECT count(*) FROM " + t
		if deep {
			q = "SELECT count(*), sum(hash(t)) FROM " + t + " t"
		}
		var n, sum any
		dest := []any{&n}
		if deep {
			dest = append(dest, &sum)
		}
		if err := db.QueryRowContext(ctx, q).Scan(dest...); err != nil {
			return fmt.Errorf("read %s: %w", t, err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// shellQuote quotes a path for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[](){};&|<>#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
