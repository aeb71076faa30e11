package query_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"dropwatch"
	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/query"
)

// newIndicator is a catalogue row for an indicator no reader knows by
// code: a town- and village-level dropout-topic rate on trend chart 10.
const newIndicator = `    ('test_new_rate', '测试新指标率', '测试新指标', 14, 'dropout', '<=', 'percent', false, 10, ['town', 'village'],
     '测试分子口径', '测试分母口径'),
`

// sqlWithNewIndicator is the project's SQL with newIndicator added to
// mart.indicator_catalog, and nothing else changed.
func sqlWithNewIndicator(t *testing.T) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(dropwatch.SQL(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dropwatch.SQL(), p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f := out["mart/indicator_catalog.sql"]
	s := string(f.Data)
	i := strings.Index(s, "    ('village_kindergarten'")
	if i < 0 {
		t.Fatal("mart/indicator_catalog.sql: no village_kindergarten row to add a row before")
	}
	f.Data = []byte(s[:i] + newIndicator + s[i:])
	return out
}

// An indicator added to the SQL catalogue, and nowhere else, reaches every
// reader: mart.indicators publishes it, explain explains it under its
// catalogue name, the dashboard lists it and draws its trend chart, the
// village pages list it, and the term-2 bulletins (which show the dropout
// rates) show it. Any reader keeping its own copy of the catalogue would
// show the code, or nothing, instead of 测试新指标率.
func TestNewIndicatorReachesEveryReader(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if _, err := demotown.Generate(inbox, demotown.Options{Seed: 1, Children: 300}); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Defaults()
	cfg.Lines["test_new_rate"] = pipeline.Line{Target: 1}
	cfg.Paths.Inbox = inbox
	cfg.Paths.Warehouse = filepath.Join(dir, "warehouse", "dropwatch.duckdb")
	cfg.Paths.Out = filepath.Join(dir, "out")
	r := &pipeline.Run{Config: cfg, SQL: sqlWithNewIndicator(t), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := r.Execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	db, err := query.Open(cfg.Paths.Warehouse, engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := query.All(context.Background(), db,
		`SELECT max(school_year)::INTEGER, count(DISTINCT scope_level) FROM mart.indicators WHERE indicator = 'test_new_rate'`)
	if err != nil {
		t.Fatal(err)
	}
	year, levels := int(res.Rows[0][0].(int32)), res.Rows[0][1].(int64)
	if levels != 2 {
		t.Fatalf("mart.indicators has test_new_rate at %d scope levels, want town and village", levels)
	}
	e, err := query.Explain(context.Background(), db, "test_new_rate", year, query.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := e.Write(&text, false, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "测试新指标率") || !strings.Contains(text.String(), "测试分母口径") {
		t.Errorf("explain does not name the new indicator:\n%s", text.String())
	}
	public := filepath.Join(cfg.Paths.Out, "public")
	pageHas(t, filepath.Join(public, "index.html"), "测试新指标率", `id="chart-trend-10"`)
	villages, _ := filepath.Glob(filepath.Join(public, "villages", "[0-9]*.html"))
	if len(villages) == 0 {
		t.Fatal("no village pages")
	}
	pageHas(t, villages[0], "测试新指标率")
	bulletins, _ := filepath.Glob(filepath.Join(public, "bulletin-*-2.html"))
	if len(bulletins) == 0 {
		t.Fatal("no term-2 bulletin")
	}
	pageHas(t, bulletins[len(bulletins)-1], "测试新指标率")
}

func pageHas(t *testing.T, page string, wants ...string) {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wants {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("%s lacks %s", filepath.Base(page), w)
		}
	}
}
