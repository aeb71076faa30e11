// Package models runs the warehouse's SQL: model files that each create one
// relation, in the order their references to each other require, and data
// tests whose failures are kept per run in audit.test_results.
//
// A model lives at <schema>/<name>.sql and must create <schema>.<name>
// (CREATE OR REPLACE TABLE or VIEW); it may add COMMENT ON statements.
// Its dependencies are the other models it names as schema.name in its
// SQL (comments excluded), so nobody keeps the order by hand. Tests live at
// tests/<name>.sql: a query returning the rows that break a rule, with a
// header line "-- severity: error" (the default) or "-- severity: warn".
//
// Every model declares its privacy tier once, in a header line
// "-- tier: public" (aggregates, codes, settings: nothing that identifies a
// person) or "-- tier: restricted" (a name, identity number, birth date,
// phone or raw cell); a model without one does not load. The build records
// the tiers in audit.relation_tiers, where export, the sql shell, the data
// dictionary and the reports read them (package privacy).
//
// Rules that several models share (a child's age on 31 August, the
// compulsory grades) are DuckDB macros, one per file at macros/<name>.sql,
// which must create the macro <name>; they run before any model, in name
// order, and stay in the warehouse for analysts.
package models

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"dropwatch/pipeline/sqltext"
	"dropwatch/privacy"
)

// Schemas holds the model schemas, in no particular order: raw is not one
// of them, since ingest writes it.
var Schemas = []string{"staging", "core", "mart", "audit"}

// Model is one SQL file that creates one relation.
type Model struct {
	Name string // schema.name
	Path string // path within the SQL file system
	SQL  string
	Deps []string // names of the models it reads
	// Sources are the relations it reads that no model writes: raw.<kind>,
	// raw.load_log, config.<setting>.
	Sources []string
	Tier    privacy.Tier
	// Scope, when set, lets a build rebuild some school years of the
	// model (scope.go); body is then the query of its table.
	Scope *Scope
	body  string
}

// Test is one data test.
type Test struct {
	Name     string
	Path     string
	SQL      string
	Severity string // error or warn
}

// Macro is one SQL file that creates one DuckDB macro (a shared rule).
type Macro struct {
	Name string // the macro's name, which is the file's
	Path string
	SQL  string
}

// Project is the set of models in build order, the macros they use, and
// the data tests.
type Project struct {
	Macros []*Macro
	Models []*Model
	Tests  []*Test
	// Tiers are the declared tiers of every relation the build writes: the
	// models' own, audit.test_results and audit.relation_tiers, and any the
	// caller adds with Declare for tables it writes itself.
	Tiers map[string]privacy.Tier
	// Observe, when set, hears of each model Build runs, how and how long
	// it took, instead of the log.
	Observe func(Built)
	// Key is the fingerprint of what the models compute from the raw
	// layer (their SQL, the settings, the program). A build under the key
	// of the warehouse's last build rebuilds only what the rows loaded
	// since touch; an empty key rebuilds everything.
	Key string
	// Whole rebuilds every model whatever the key (dropwatch run --full).
	Whole bool
}

// Declare records the tier of a relation the caller writes outside the
// models (such as the settings tables), so audit.relation_tiers lists it.
func (p *Project) Declare(relation string, t privacy.Tier) { p.Tiers[relation] = t }

var (
	refPattern      = regexp.MustCompile(`(?i)\b(staging|core|mart|audit)\.([a-z_][a-z0-9_]*)\b`)
	severityPattern = regexp.MustCompile(`(?m)^--\s*severity:\s*(\w+)`)
	tierPattern     = regexp.MustCompile(`(?m)^--\s*tier:\s*(\S*)`)
	sourcePattern   = regexp.MustCompile(`(?i)\b(raw|config)\.([a-z_][a-z0-9_]*)\b`)
)

// Load reads the models and tests from fsys and orders the models.
func Load(fsys fs.FS) (*Project, error) {
	var models []*Model
	for _, schema := range Schemas {
		found, err := loadSchema(fsys, schema)
		if err != nil {
			return nil, err
		}
		models = append(models, found...)
	}
	ordered, err := order(models)
	if err != nil {
		return nil, err
	}
	tests, err := loadTests(fsys)
	if err != nil {
		return nil, err
	}
	macros, err := LoadMacros(fsys)
	if err != nil {
		return nil, err
	}
	p := &Project{Macros: macros, Models: ordered, Tests: tests, Tiers: map[string]privacy.Tier{
		"audit.test_results":   privacy.Restricted, // samples of failing rows
		"audit.relation_tiers": privacy.Public,
		"audit.build_state":    privacy.Public,
	}}
	for _, m := range ordered {
		p.Tiers[m.Name] = m.Tier
	}
	return p, nil
}

// LoadMacros reads the macros (macros/*.sql) from fsys, in name order. The
// provincial roll-up uses it too, so its SQL shares the county's rules.
func LoadMacros(fsys fs.FS) ([]*Macro, error) {
	files, err := fs.Glob(fsys, "macros/*.sql")
	if err != nil {
		return nil, err
	}
	var out []*Macro
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read macro %s: %w", p, err)
		}
		m := &Macro{Name: strings.TrimSuffix(path.Base(p), ".sql"), Path: p, SQL: string(b)}
		pat := `(?is)^\s*CREATE\s+OR\s+REPLACE\s+MACRO\s+` + regexp.QuoteMeta(m.Name) + `\s*\(`
		if !regexp.MustCompile(pat).MatchString(sqltext.StripComments(m.SQL)) {
			return nil, fmt.Errorf("macro %s must create the macro %s (CREATE OR REPLACE MACRO %s(...) AS ...) and nothing before it", p, m.Name, m.Name)
		}
		out = append(out, m)
	}
	return out, nil
}

func loadSchema(fsys fs.FS, schema string) ([]*Model, error) {
	files, err := fs.Glob(fsys, schema+"/*.sql")
	if err != nil {
		return nil, err
	}
	var out []*Model
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read model %s: %w", p, err)
		}
		m := &Model{Name: schema + "." + strings.TrimSuffix(path.Base(p), ".sql"), Path: p, SQL: string(b)}
		if !createsItself(m) {
			return nil, fmt.Errorf("model %s must create %s (CREATE OR REPLACE TABLE or VIEW %s)", p, m.Name, m.Name)
		}
		if m.Tier, err = declaredTier(m); err != nil {
			return nil, err
		}
		if m.Scope, m.body, err = declaredScope(m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func createsItself(m *Model) bool {
	pat := `(?is)CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW)\s+` + regexp.QuoteMeta(m.Name) + `\b`
	return regexp.MustCompile(pat).MatchString(sqltext.StripComments(m.SQL))
}

// declaredTier reads the model's "-- tier:" header line.
func declaredTier(m *Model) (privacy.Tier, error) {
	g := tierPattern.FindStringSubmatch(m.SQL)
	if g == nil {
		return "", fmt.Errorf("model %s declares no privacy tier: add a header line \"-- tier: public\" (aggregates and codes only) or \"-- tier: restricted\" (any name, identity number, birth date, phone or raw cell)", m.Path)
	}
	t, err := privacy.ParseTier(g[1])
	if err != nil {
		return "", fmt.Errorf("model %s: %w: write \"-- tier: public\" or \"-- tier: restricted\"", m.Path, err)
	}
	return t, nil
}

func loadTests(fsys fs.FS) ([]*Test, error) {
	files, err := fs.Glob(fsys, "tests/*.sql")
	if err != nil {
		return nil, err
	}
	var out []*Test
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read test %s: %w", p, err)
		}
		t := &Test{Name: strings.TrimSuffix(path.Base(p), ".sql"), Path: p, SQL: string(b), Severity: "error"}
		if m := severityPattern.FindStringSubmatch(t.SQL); m != nil {
			t.Severity = strings.ToLower(m[1])
		}
		if t.Severity != "error" && t.Severity != "warn" {
			return nil, fmt.Errorf("test %s: severity %q is neither error nor warn", p, t.Severity)
		}
		out = append(out, t)
	}
	return out, nil
}

// order sorts models so each comes after the models it references. Ties
// are broken by name, so the order is stable; a cycle is an error.
func order(models []*Model) ([]*Model, error) {
	byName := make(map[string]*Model, len(models))
	for _, m := range models {
		byName[m.Name] = m
	}
	for _, m := range models {
		m.Deps = references(m, byName)
		m.Sources = sources(m)
	}
	var out []*Model
	done := make(map[string]bool, len(models))
	for len(out) < len(models) {
		var ready []*Model
		for _, m := range models {
			if !done[m.Name] && allDone(m.Deps, done) {
				ready = append(ready, m)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("models reference each other in a cycle: %s", strings.Join(pending(models, done), ", "))
		}
		sort.Slice(ready, func(i, j int) bool { return ready[i].Name < ready[j].Name })
		for _, m := range ready {
			done[m.Name] = true
		}
		out = append(out, ready...)
	}
	return out, nil
}

func references(m *Model, byName map[string]*Model) []string {
	seen := map[string]bool{}
	var deps []string
	for _, g := range refPattern.FindAllStringSubmatch(sqltext.StripComments(m.SQL), -1) {
		name := strings.ToLower(g[1] + "." + g[2])
		if name != m.Name && byName[name] != nil && !seen[name] {
			seen[name] = true
			deps = append(deps, name)
		}
	}
	sort.Strings(deps)
	return deps
}

// sources lists the raw and config relations the model reads.
func sources(m *Model) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range sourcePattern.FindAllStringSubmatch(sqltext.StripComments(m.SQL), -1) {
		name := strings.ToLower(g[1] + "." + g[2])
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func allDone(deps []string, done map[string]bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}

func pending(models []*Model, done map[string]bool) []string {
	var out []string
	for _, m := range models {
		if !done[m.Name] {
			out = append(out, m.Name)
		}
	}
	return out
}

// trimStatement readies a test query for wrapping in a subquery: the
// trailing semicolon goes, and a newline ends any trailing line comment.
func trimStatement(q string) string {
	return strings.TrimRight(strings.TrimSpace(q), "; \n\t") + "\n"
}
