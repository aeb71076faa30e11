//go:build duckdb_arrow

package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dropwatch/pipeline/demotown"
)

// The Arrow sink stores what the appender stores: every file of a small
// demo town (every kind, dates, years, terms, yes/no cells, counts, extra
// columns) and the lane's 月考勤 lines (blank, broken and NULL cells) give
// the same rows in every part, cell for cell.
func TestArrowSinkAgreesWithAppender(t *testing.T) {
	dir := t.TempDir()
	m, err := demotown.Generate(dir, demotown.Options{Seed: 3, Children: 400, Years: 1})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, filepath.Join(dir, f.Name))
	}
	paths = append(paths, write(t, "月考勤_通道.csv", []byte(laneHeader+"\n"+strings.Join(laneRows, "\n")+"\n")))
	arrow, appender := loadParts(t, paths, false), loadParts(t, paths, true)
	if len(arrow) < 10 {
		t.Fatalf("only %d part rows loaded", len(arrow))
	}
	sameLines(t, "through Arrow", arrow, "through the appender", appender)
}

// loadParts loads paths in order into a fresh warehouse and returns every
// row of every raw part, each line naming its part.
func loadParts(t *testing.T, paths []string, appender bool) []string {
	t.Helper()
	db := loadFiles(t, func(ld *Loader) { ld.Appender = appender }, paths...)
	var out []string
	for _, part := range queryStrings(t, db, `SELECT table_name FROM duckdb_tables()
		WHERE schema_name = 'raw' AND contains(table_name, '__') ORDER BY table_name`) {
		for _, row := range dumpRows(t, db, fmt.Sprintf("SELECT * FROM raw.%s ORDER BY _load_id, _row", part)) {
			out = append(out, part+" "+row)
		}
	}
	return out
}
