package query_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/query"
)

// The demo town's backtest in docs/indicators.md is what its command
// prints on the demo warehouse today: the table is read from the page,
// the query from the command above it, and every row must match.
func TestDemoBacktestInDocs(t *testing.T) {
	doc, err := os.ReadFile("../../docs/indicators.md")
	if err != nil {
		t.Fatal(err)
	}
	q, want := backtestInDocs(t, string(doc))
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := query.All(context.Background(), db, q)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	var got []string
	for _, row := range res.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = fmt.Sprint(v)
		}
		got = append(got, "| "+strings.Join(cells, " | ")+" |")
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("docs/indicators.md shows the demo's backtest as\n%s\nthe demo town gives\n%s\n(update the table)",
			strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

// backtestInDocs returns the backtest command's query and the data rows of
// the table that follows it.
func backtestInDocs(t *testing.T, doc string) (string, []string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)-c "(SELECT [^"]*FROM mart\.early_warning_backtest[^"]*)"\n` + "```" + `\n\n\|[^\n]*\n\|[-| ]*\n((?:\|[^\n]*\n)+)`).
		FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("docs/indicators.md has no backtest command followed by its table")
	}
	return m[1], strings.Split(strings.TrimSpace(m[2]), "\n")
}
