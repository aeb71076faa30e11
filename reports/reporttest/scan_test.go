package reporttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder keeps the failures a check reports instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

// CheckPage reports each kind of bad URL, and nothing for good ones.
func TestCheckPageCatchesBadURLs(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "public", "schools"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"public/index.html", "public/style.css", "public/schools/a.html"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := `<a href="schools/a.html">a</a><link href="style.css"><a href="#top">top</a>`
	r := &recorder{TB: t}
	if n := CheckPage(r, dir, "public/index.html", good); n != 3 || len(r.errs) != 0 {
		t.Errorf("good page: %d URLs, problems %q", n, r.errs)
	}
	bad := `<a href="/abs.html">x</a><a href="../restricted/x.html">x</a><script src="missing.js"></script>` +
		`<img src="https://cdn.invalid/x.png">`
	r = &recorder{TB: t}
	CheckPage(r, dir, "public/index.html", bad)
	got := strings.Join(r.errs, "\n")
	for _, want := range []string{`contains "https://"`, `"/abs.html" is not relative`, `"../restricted/x.html" leaves its tier`,
		`"missing.js" names no written file`, `"https://cdn.invalid/x.png" is not relative`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
