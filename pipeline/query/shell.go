package query

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/sqltext"
)

// Output modes of the shell.
const (
	ModeTable = "table"
	ModeCSV   = "csv"
	ModeJSON  = "json"
)

// errQuit ends an interactive session.
var errQuit = errors.New("quit")

// Shell runs SQL and dot commands against the published warehouse. Every
// statement opens the file read-only and closes it when done, so a session
// left open for a day never holds a file a run has since replaced.
type Shell struct {
	Path    string          // the published warehouse
	Engine  engine.Settings // memory and thread limits ([duckdb] of the configuration)
	Out     io.Writer
	Mode    string // table (default), csv or json
	MaxRows int    // rows a table shows; 0 shows all
}

// Exec runs a script: statements separated by semicolons, and dot commands
// on lines of their own, in order. It stops at the first error.
func (s *Shell) Exec(ctx context.Context, script string) error {
	var buf strings.Builder
	keep := func(err error) error { return err }
	for line := range strings.Lines(script) {
		if err := s.feed(ctx, &buf, line, keep); err != nil {
			if errors.Is(err, errQuit) {
				return nil
			}
			return err
		}
	}
	if rest := strings.TrimSpace(buf.String()); rest != "" {
		return s.Statement(ctx, rest)
	}
	return nil
}

// feed takes one line of input: a dot command when no statement is
// pending, else more of the pending statement, which runs once a
// semicolon ends it. Errors go through report, which decides whether they
// end the input (Exec) or are only printed (Interactive).
func (s *Shell) feed(ctx context.Context, buf *strings.Builder, line string, report func(error) error) error {
	if t := strings.TrimSpace(line); buf.Len() == 0 && strings.HasPrefix(t, ".") {
		if err := s.dot(ctx, t); errors.Is(err, errQuit) {
			return err
		} else {
			return report(err)
		}
	}
	buf.WriteString(strings.TrimSuffix(line, "\n") + "\n")
	stmts, rest := sqltext.Split(buf.String())
	buf.Reset()
	if rest != "" {
		buf.WriteString(rest + "\n")
	}
	for _, st := range stmts {
		if err := report(s.Statement(ctx, st)); err != nil {
			return err
		}
	}
	return nil
}

// Statement runs one SQL statement and prints its result in the shell's mode.
func (s *Shell) Statement(ctx context.Context, stmt string) error {
	return Run(ctx, s.Path, s.Engine, stmt, s.sink())
}

func (s *Shell) sink() Sink {
	switch s.Mode {
	case ModeCSV:
		return NewCSVSink(s.Out)
	case ModeJSON:
		return NewJSONSink(s.Out)
	}
	return &TableSink{W: s.Out, MaxRows: s.MaxRows}
}

// ValidMode reports whether m names an output mode.
func ValidMode(m string) bool { return m == ModeTable || m == ModeCSV || m == ModeJSON }

const dotHelp = `.tables [all]         列出分析用的表和视图（all：含内部 schema）/ list relations
.schema NAME          表结构与中文注释 / columns and comments of a relation
.mode table|csv|json  输出格式 / output format
.maxrows N            表格最多显示 N 行，0 为全部 / rows a table shows
.help                 本帮助 / this help
.quit                 退出 / leave
语句以分号结束；每条语句只读打开数据仓库一次。/ end statements with ;
`

func (s *Shell) dot(ctx context.Context, line string) error {
	f := strings.Fields(line)
	switch f[0] {
	case ".help":
		_, err := io.WriteString(s.Out, dotHelp)
		return err
	case ".quit", ".exit", ".q":
		return errQuit
	case ".tables":
		return s.tables(ctx, len(f) > 1 && f[1] == "all")
	case ".schema":
		if len(f) < 2 {
			return fmt.Errorf(".schema 需要表名，如 .schema mart.indicators / .schema needs a relation name")
		}
		return s.schema(ctx, f[1])
	case ".mode":
		if len(f) < 2 || !ValidMode(f[1]) {
			return fmt.Errorf(".mode 只能是 table、csv 或 json / .mode takes table, csv or json")
		}
		s.Mode = f[1]
		return nil
	case ".maxrows":
		n, err := strconv.Atoi(strings.Join(f[1:], ""))
		if err != nil || n < 0 {
			return fmt.Errorf(".maxrows 需要一个不小于 0 的整数 / .maxrows takes a whole number")
		}
		s.MaxRows = n
		return nil
	}
	return fmt.Errorf("未知命令 %s，输入 .help 查看 / unknown command %s, try .help", f[0], f[0])
}

func (s *Shell) relations(ctx context.Context, schemas ...string) ([]Relation, error) {
	db, err := Open(s.Path, s.Engine)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return Relations(ctx, db, schemas...)
}

func (s *Shell) tables(ctx context.Context, all bool) error {
	schemas := analystSchemas
	if all {
		schemas = nil
	}
	rels, err := s.relations(ctx, schemas...)
	if err != nil {
		return err
	}
	t := &TableSink{W: s.Out}
	t.Columns([]Column{{Name: "relation"}, {Name: "kind"}, {Name: "personal"}, {Name: "说明 / comment"}})
	for _, r := range rels {
		personal := ""
		if r.Personal() {
			personal = "个人信息"
		}
		t.Row([]any{r.FullName(), r.Kind, personal, r.Title()})
	}
	return t.Done()
}

func (s *Shell) schema(ctx context.Context, name string) error {
	rels, err := s.relations(ctx)
	if err != nil {
		return err
	}
	r, ok := Find(rels, name)
	if !ok {
		return fmt.Errorf("没有名为 %s 的表或视图，用 .tables all 查看 / no relation %s", name, name)
	}
	fmt.Fprintf(s.Out, "%s (%s) — %s\n", r.FullName(), r.Kind, r.Comment)
	t := &TableSink{W: s.Out}
	t.Columns([]Column{{Name: "column"}, {Name: "type"}, {Name: "说明 / comment"}})
	for _, c := range r.Columns {
		t.Row([]any{c.Name, c.Type, c.Comment})
	}
	return t.Done()
}
