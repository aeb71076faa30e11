package reports

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"dropwatch"
)

// fixtureSchema creates the relations the reports read, with the columns
// docs/data-dictionary.md gives them (internal ones only as far as read).
const fixtureSchema = `
CREATE SCHEMA mart; CREATE SCHEMA audit; CREATE SCHEMA core; CREATE SCHEMA staging;
CREATE TABLE mart.school_term_enrolment(school_year INTEGER, term INTEGER, school_code VARCHAR,
	school_name VARCHAR, school_type VARCHAR, enrolled BIGINT);
CREATE TABLE mart.term_graduated_early(school_year INTEGER, term INTEGER, graduated BIGINT);
INSERT INTO mart.term_graduated_early VALUES (2024, 2, 12);
CREATE TABLE audit.loads(load_id BIGINT, file_name VARCHAR, sha256 VARCHAR, kind VARCHAR,
	rows_total BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, outcome VARCHAR,
	message VARCHAR, loaded_at TIMESTAMP);
CREATE TABLE audit.quarantine(load_id BIGINT, file_name VARCHAR, sheet VARCHAR,
	row_number BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR);
CREATE TABLE audit.snapshot_sources(school_year INTEGER, term INTEGER, school_code VARCHAR, school_name VARCHAR,
	load_id BIGINT, file_name VARCHAR, children BIGINT, snapshot_before BIGINT, decision VARCHAR,
	base_load_id BIGINT, base_file_name VARCHAR, in_force BOOLEAN, explanation VARCHAR);
CREATE TABLE mart.indicators(school_year INTEGER, scope_level VARCHAR, scope_code VARCHAR, scope_name VARCHAR,
	indicator VARCHAR, numerator BIGINT, denominator BIGINT, value DOUBLE, target DOUBLE, veto_line DOUBLE, status VARCHAR);
CREATE TABLE mart.dropouts(school_year INTEGER, level VARCHAR, school_code VARCHAR, id_number VARCHAR, name VARCHAR,
	grade INTEGER, class_no VARCHAR, kind VARCHAR, reason VARCHAR, persuasion_status VARCHAR, possible_data_error BOOLEAN);
CREATE TABLE mart.unaccounted_children(school_year INTEGER, term INTEGER, id_number VARCHAR, name VARCHAR,
	gender VARCHAR, birth_date DATE, age INTEGER, village_code VARCHAR, village_name VARCHAR, group_no VARCHAR,
	reason VARCHAR, town_cadre VARCHAR, village_cadre VARCHAR, guardian VARCHAR, guardian_phone VARCHAR, terms_on_list INTEGER);
CREATE TABLE mart.school_term_bulletin(school_year INTEGER, term INTEGER, school_code VARCHAR, school_name VARCHAR,
	level VARCHAR, roster_received BOOLEAN, enrolled BIGINT, left_this_term BIGINT, returned_this_term BIGINT,
	dropouts_ytd BIGINT, dropout_rate_ytd DOUBLE, dropout_status VARCHAR,
	registered_dropouts BIGINT, returned_registered BIGINT, no_dropout_classes BIGINT);
CREATE TABLE mart.grade_flows(school_year INTEGER, school_code VARCHAR, grade INTEGER, enrolled BIGINT, promoted BIGINT,
	repeated BIGINT, dropped_out BIGINT, transferred BIGINT, died BIGINT, promotion_rate DOUBLE, repetition_rate DOUBLE,
	uis_dropout_rate DOUBLE);
CREATE TABLE mart.persuasion(school_year BIGINT, school_code VARCHAR, school_name VARCHAR, id_number VARCHAR, name VARCHAR,
	grade VARCHAR, dropout_date DATE, reason VARCHAR, measures VARCHAR, persuader VARCHAR, persuader_phone VARCHAR,
	visits INTEGER, persuasion_status VARCHAR, return_date DATE, placement VARCHAR, back_in_roster_from DATE,
	case_status VARCHAR, days_out BIGINT);
CREATE TABLE mart.handoff_status(school_year INTEGER, id_number VARCHAR, name VARCHAR, primary_school_code VARCHAR,
	junior_school_code VARCHAR, has_handoff_row BOOLEAN, file_sent_date DATE, file_due DATE, file_status VARCHAR,
	notice_to_school_date DATE, notice_to_school_due DATE, notice_to_school_status VARCHAR,
	notice_to_parent_date DATE, notice_to_parent_due DATE, notice_to_parent_status VARCHAR);
CREATE TABLE mart.data_quality(finding VARCHAR, school_year BIGINT, term INTEGER, school_code VARCHAR,
	village_code VARCHAR, child_key VARCHAR, name VARCHAR, detail VARCHAR, actionable BOOLEAN);
CREATE TABLE core.enrolment(school_year INTEGER, term INTEGER, child_key VARCHAR, id_number VARCHAR, name VARCHAR,
	gender VARCHAR, school_code VARCHAR, grade VARCHAR, status VARCHAR, left_behind INTEGER, migrant_child BOOLEAN,
	disability VARCHAR);
CREATE TABLE mart.children(school_year INTEGER, child_key VARCHAR, id_number VARCHAR, name VARCHAR, gender VARCHAR,
	left_behind INTEGER, census_left_behind BOOLEAN, is_left_behind BOOLEAN, migrant_child BOOLEAN,
	poor_household BOOLEAN, disability VARCHAR);
CREATE TABLE core.population(school_year INTEGER, id_number VARCHAR, name VARCHAR, age BIGINT, village_code VARCHAR,
	poor_household BOOLEAN);
CREATE TABLE staging.roster(school_year INTEGER, term INTEGER, school_code VARCHAR, child_key VARCHAR, grade VARCHAR,
	status VARCHAR);
`

// testOptions are fixed so rendered output is byte-for-byte stable.
var testOptions = Options{
	TownName:  "示范镇",
	TownCode:  "441302101",
	RunID:     "run-20251010-0001",
	Generated: time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC),
}

// newTestDB opens a fresh DuckDB file in a temp dir with the fixture schema,
// the fixture town (fixture_test.go) and any extra statements.
func newTestDB(t testing.TB, extra ...string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "warehouse.duckdb"))
	if err != nil {
		t.Fatalf("open duckdb: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	stmts := append([]string{fixtureSchema, fixtureData, fixtureMarts, fixturePeople, fixtureWarning, fixtureCases}, extra...)
	for _, m := range derivedModels {
		b, err := fs.ReadFile(dropwatch.SQL(), m)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b))
	}
	for _, stmt := range stmts {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("fixture: %v\n%s", err, stmt)
		}
	}
	return db
}

// derivedModels are the project's own models the fixture runs over its
// tables after every other statement, so the pages show what the real
// SQL makes of the fixture town.
var derivedModels = []string{
	"mart/indicator_catalog.sql", "mart/dropout_composition.sql", "mart/village_ages.sql", "mart/school_grade_enrolment.sql",
	"mart/case_worklist.sql",
}

// buildSite runs Build into a fresh staging dir and returns the dir.
func buildSite(t *testing.T, db *sql.DB) (string, *Site) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	site, err := Build(context.Background(), db, dir, testOptions)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir, site
}

// readFile returns a file's content as a string.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

// walkFiles returns every regular file under root.
func walkFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return files
}
