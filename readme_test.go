package dropwatch

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// quickStart returns the shell commands of the README's "Quick start"
// section, in order, as a newcomer would type them (comments dropped).
// `make test` is left out: this test runs inside it.
func quickStart(t *testing.T, readme string) []string {
	t.Helper()
	var cmds []string
	inSection, inBlock := false, false
	sc := bufio.NewScanner(strings.NewReader(readme))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			inSection = line == "## Quick start"
		case inSection && strings.HasPrefix(line, "```"):
			inBlock = !inBlock && strings.TrimPrefix(line, "```") == "sh"
		case inSection && inBlock:
			cmd := strings.TrimSpace(line)
			if i := strings.Index(cmd, "  #"); i >= 0 {
				cmd = strings.TrimSpace(cmd[:i])
			}
			if cmd != "" && cmd != "make test" {
				cmds = append(cmds, cmd)
			}
		}
	}
	return cmds
}

// copyTree copies the files git would put in a fresh clone (tracked, or new
// and not ignored) into dst, so the test sees uncommitted work too.
func copyTree(t *testing.T, dst string) {
	t.Helper()
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A newcomer on a fresh clone types the README's quick-start commands
// verbatim, in order: each must work, and the analyst commands must answer
// from the demo's warehouse.
func TestReadmeQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and the demo town")
	}
	for _, tool := range []string{"make", "npm", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := quickStart(t, string(readme))
	if len(cmds) < 3 || cmds[0] != "make demo" {
		t.Fatalf("quick start commands = %q, want make demo first and the analyst commands after it", cmds)
	}
	clone := t.TempDir()
	copyTree(t, clone)
	outputs := make([]string, len(cmds))
	for i, c := range cmds {
		cmd := exec.Command("bash", "-c", c)
		cmd.Dir = clone
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("README command %q failed: %v\n%s", c, err, out)
		}
		outputs[i] = string(out)
	}
	all := strings.Join(outputs, "\n")
	for _, want := range []string{"primary_net_enrollment", "小学年辍学率", "按儿童重新计数"} {
		if !strings.Contains(all, want) {
			t.Errorf("the quick start's output lacks %q", want)
		}
	}
	// The demo prints the commands the README shows, so both stay in step.
	for _, c := range cmds[1:] {
		if !strings.Contains(outputs[0], c) {
			t.Errorf("make demo does not print the README's command %q", c)
		}
	}
}
