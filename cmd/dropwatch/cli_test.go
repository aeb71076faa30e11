package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"dropwatch/pipeline"
	"dropwatch/pipeline/demotown"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpOnEveryCommand(t *testing.T) {
	if code, out, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "demo") {
		t.Errorf("--help: code %d, output %q", code, out)
	}
	for _, c := range commands() {
		code, _, errOut := runCLI(t, c.name, "--help")
		if code != 0 || !strings.Contains(errOut, "dropwatch "+c.name) {
			t.Errorf("%s --help: code %d, output %q", c.name, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "nosuch"); code != 2 || !strings.Contains(errOut, "未知命令") {
		t.Errorf("unknown command: code %d, %q", code, errOut)
	}
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.Contains(out, "DuckDB") {
		t.Errorf("version: %d %q", code, out)
	}
}

// Flags beat the config file, which beats the defaults.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.toml")
	body := "[town]\nname = \"青山镇\"\ncode = \"430521102\"\n[paths]\ninbox = \"/srv/inbox\"\n"
	must(t, os.WriteFile(cfg, []byte(body), 0o644))
	code, out, errOut := runCLI(t, "config", "--config", cfg, "--inbox", "/flag/inbox")
	if code != 0 {
		t.Fatalf("config: %s", errOut)
	}
	for _, want := range []string{`name = "青山镇"`, `inbox = "/flag/inbox"`, `warehouse = "warehouse/dropwatch.duckdb"`, `target = 99.5`} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %s:\n%s", want, out)
		}
	}
	// Relative paths a file sets are relative to the file's folder; the
	// defaults it leaves stay relative to the working directory.
	must(t, os.WriteFile(cfg, []byte("[paths]\ninbox = \"in\"\nout = \"/abs/out\"\n"), 0o644))
	_, out, _ = runCLI(t, "config", "--config", cfg)
	for _, want := range []string{"inbox = " + strconv.Quote(filepath.Join(dir, "in")), `out = "/abs/out"`, `warehouse = "warehouse/dropwatch.duckdb"`} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %s:\n%s", want, out)
		}
	}
	must(t, os.WriteFile(cfg, []byte("[town]\nnmae = \"x\"\n"), 0o644))
	if code, _, errOut := runCLI(t, "config", "--config", cfg); code == 0 || !strings.Contains(errOut, "不认识的设置") {
		t.Errorf("misspelt setting: code %d, %q", code, errOut)
	}
}

// demoInbox writes a small demo town for the process tests.
func demoInbox(t *testing.T, dir string) {
	t.Helper()
	if _, err := demotown.Generate(dir, demotown.Options{Seed: 7, Children: 600}); err != nil {
		t.Fatal(err)
	}
}

func runArgs(root string) []string {
	return []string{"run", "-v", "--inbox", filepath.Join(root, "inbox"),
		"--warehouse", filepath.Join(root, "wh", "dw.duckdb"), "--out", filepath.Join(root, "out")}
}

// state hashes the published warehouse and every published page.
func state(t *testing.T, root string) string {
	t.Helper()
	var parts []string
	add := func(p string) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		rel, _ := filepath.Rel(root, p)
		parts = append(parts, rel+"="+hex.EncodeToString(h[:8]))
	}
	add(filepath.Join(root, "wh", "dw.duckdb"))
	for _, tier := range []string{"public", "restricted"} {
		must(t, filepath.Walk(filepath.Join(root, "out", tier)+"/", func(p string, fi os.FileInfo, err error) error {
			if err == nil && fi.Mode().IsRegular() {
				add(p)
			}
			return err
		}))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

// A run killed at any phase leaves the published warehouse and site
// byte-identical; the next run completes normally.
func TestKilledRunLeavesPublished(t *testing.T) {
	root := t.TempDir()
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	// New files arrive: the next run has real work to do.
	demoInboxExtra(t, filepath.Join(root, "inbox"))
	before := state(t, root)
	for _, phase := range []pipeline.Phase{pipeline.PhaseIngest, pipeline.PhaseBuild, pipeline.PhaseTests, pipeline.PhaseReports} {
		if !killAt(t, phase, runArgs(root)...) {
			t.Fatalf("run finished before the kill at %s", phase)
		}
		if after := state(t, root); after != before {
			t.Fatalf("killed at %s: published files changed:\nbefore:\n%s\nafter:\n%s", phase, before, after)
		}
	}
	if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
		t.Fatalf("run after kills: %s", errOut)
	}
	if state(t, root) == before {
		t.Error("the run after the kills published nothing new")
	}
}

func demoInboxExtra(t *testing.T, inbox string) {
	t.Helper()
	body := "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n" +
		"2099-2100,1,0000000000,新生,男,2019-08-31,430521201908310114,一年级,1\n"
	must(t, os.WriteFile(filepath.Join(inbox, "zz_新到名册.csv"), []byte(body), 0o644))
}

// Analysts in another process query the published warehouse in a loop
// while runs rebuild and publish it: no query may fail.
func TestReadersNeverFailDuringRuns(t *testing.T) {
	root := t.TempDir()
	demoInbox(t, filepath.Join(root, "inbox"))
	if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
		t.Fatalf("first run: %s", errOut)
	}
	stop := startReader(t, filepath.Join(root, "wh", "dw.duckdb"))
	for i := 0; i < 3; i++ {
		if i == 1 {
			demoInboxExtra(t, filepath.Join(root, "inbox"))
		}
		if code, _, errOut := runCLI(t, runArgs(root)...); code != 0 {
			t.Fatalf("run %d: %s", i, errOut)
		}
	}
	st := stop()
	if st.Failures != 0 || st.Queries < 10 {
		t.Errorf("reader: %d queries, %d failures %v", st.Queries, st.Failures, st.Errors)
	}
	t.Logf("reader: %d queries, 0 failures across 3 publishes", st.Queries)
}

// Mistakes on the command line are answered in Chinese and English, with a
// non-zero exit and the way to the right flags; bare dropwatch is a mistake.
func TestCommandLineMistakes(t *testing.T) {
	if code, out, errOut := runCLI(t); code == 0 || out != "" || !strings.Contains(errOut, "用法 / usage") {
		t.Errorf("bare dropwatch: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"run", "--inbx", "x"}, []string{"没有这个参数", "-inbx", "dropwatch run --help"}},
		{[]string{"explain", "primary_dropout", "--year"}, []string{"参数缺少取值", "-year"}},
		{[]string{"sql", "--threads", "many"}, []string{"参数取值无效", "many"}},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 2 {
			t.Errorf("%q: code %d, want 2", tc.args, code)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", tc.args, w, errOut)
			}
		}
		if strings.HasPrefix(errOut, "flag provided") || strings.HasPrefix(errOut, "invalid value") {
			t.Errorf("%q: the English complaint comes first:\n%s", tc.args, errOut)
		}
	}
}

// Each command's --help lists the flags it uses and no others: the
// analysts' commands and restore name the warehouse, not the inbox.
func TestHelpListsOnlyTheFlagsUsed(t *testing.T) {
	for _, tc := range []struct {
		cmd       string
		want, not []string
	}{
		{"sql", []string{"-warehouse", "-format", "-config"}, []string{"-inbox", "-out ", "-town-name"}},
		{"explain", []string{"-warehouse", "-year"}, []string{"-inbox", "-town-code"}},
		{"export", []string{"-warehouse", "-to"}, []string{"-inbox", "-town-name"}},
		{"restore", []string{"-warehouse", "-from"}, []string{"-inbox", "-town-name"}},
		{"rollup", []string{"-memory-limit"}, []string{"-inbox", "-warehouse"}},
		{"run", []string{"-inbox", "-warehouse", "-out", "-town-name", "-full"}, nil},
	} {
		_, _, help := runCLI(t, tc.cmd, "--help")
		for _, w := range tc.want {
			if !strings.Contains(help, "  "+w) {
				t.Errorf("%s --help lacks %s", tc.cmd, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(help, "  "+n) {
				t.Errorf("%s --help lists %s, which it does not use", tc.cmd, n)
			}
		}
	}
}
