package main

import (
	"strings"
	"testing"
)

// Every command's --help ends with examples of its use, and every example
// names its own command.
func TestHelpHasExamples(t *testing.T) {
	for _, c := range commands() {
		ex := examples[c.name]
		if len(ex) == 0 {
			t.Errorf("%s: no examples", c.name)
		}
		for _, x := range ex {
			if !strings.HasPrefix(x, "dropwatch "+c.name) {
				t.Errorf("%s: example %q is of another command", c.name, x)
			}
		}
		code, _, errOut := runCLI(t, c.name, "--help")
		if code != 0 || !strings.Contains(errOut, "例 / examples:\n  dropwatch "+c.name) {
			t.Errorf("%s --help: exit %d, no examples:\n%s", c.name, code, errOut)
		}
	}
}
