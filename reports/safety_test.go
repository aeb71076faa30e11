package reports

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const (
	imgName    = `<img src=x onerror=alert(1)>`
	scriptName = `</script><script>alert(1)</script>`
)

// hostileSchools adds two schools with markup in their names to the latest
// term, and a quarantined value with markup.
const hostileSchools = `
INSERT INTO mart.school_term_enrolment VALUES
	(2025, 1, '2144000008', '<img src=x onerror=alert(1)>', '小学', 10),
	(2025, 1, '2144000009', '</script><script>alert(1)</script>', '初中', 20);
INSERT INTO audit.quarantine VALUES
	(2, '学籍名册_2025秋.xlsx', '小学', 40, '姓名', '<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>');
`

func countOf(s, sub string) int { return strings.Count(s, sub) }

func TestHostileNamesAreEscaped(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t, hostileSchools))
	for _, page := range site.Pages {
		html := readFile(t, filepath.Join(dir, page))
		for _, raw := range []string{imgName, scriptName, "<img", "alert(1)</script>"} {
			if strings.Contains(html, raw) {
				t.Errorf("%s contains unescaped %q", page, raw)
			}
		}
	}
	pub := readFile(t, filepath.Join(dir, "public", "index.html"))
	for _, want := range []string{
		"<td>&lt;img src=x onerror=alert(1)&gt;</td>",
		"<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>",
	} {
		if !strings.Contains(pub, want) {
			t.Errorf("public index lacks escaped text %q", want)
		}
	}
	// Two JSON option blocks and the two script files; a name that broke out
	// of its block would add script elements.
	if got, want := countOf(pub, "<script"), 4; got != want {
		t.Errorf("public index has %d <script elements, want %d", got, want)
	}
	names := chartCategories(t, pub, "chart-school-enrolment-option")
	for _, want := range []string{imgName, scriptName} {
		if !slices.Contains(names, want) {
			t.Errorf("chart categories %q lack %q after JSON round trip", names, want)
		}
	}
	q := readFile(t, filepath.Join(dir, "restricted", "quarantine.html"))
	if !strings.Contains(q, `<td class="value">&lt;img src=x onerror=alert(1)&gt;</td>`) {
		t.Errorf("quarantine page lacks the escaped value")
	}
}

// chartCategories parses the JSON option block with the given id and returns
// its first x axis' category data.
func chartCategories(t *testing.T, html, id string) []string {
	t.Helper()
	open := `<script type="application/json" id="` + id + `">`
	i := strings.Index(html, open)
	if i < 0 {
		t.Fatalf("no option block %s", id)
	}
	body := html[i+len(open):]
	body = body[:strings.Index(body, "</script>")]
	var opt struct {
		XAxis []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	if err := json.Unmarshal([]byte(body), &opt); err != nil {
		t.Fatalf("option block %s is not JSON: %v\n%s", id, err, body)
	}
	if len(opt.XAxis) == 0 {
		t.Fatalf("option block %s has no xAxis", id)
	}
	return opt.XAxis[0].Data
}

var (
	idNumberLike = regexp.MustCompile(`(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)`)
	phoneLike    = regexp.MustCompile(`(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)`)
)

func TestPublicHoldsNoPersonalNumbers(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	// The fixture's quarantine does hold such numbers: they reach restricted/.
	q := readFile(t, filepath.Join(dir, "restricted", "quarantine.html"))
	if !idNumberLike.MatchString(q) || !phoneLike.MatchString(q) {
		t.Fatalf("fixture should put an identity and a phone number into restricted/quarantine.html")
	}
	for _, f := range walkFiles(t, filepath.Join(dir, "public")) {
		s := readFile(t, f)
		if m := idNumberLike.FindString(s); m != "" {
			t.Errorf("%s holds identity-number-like %q", f, m)
		}
		if m := phoneLike.FindString(s); m != "" {
			t.Errorf("%s holds phone-like %q", f, m)
		}
		for _, name := range []string{"quarantine", "学籍名册", "监护人电话"} {
			if strings.Contains(s, name) {
				t.Errorf("%s mentions %q", f, name)
			}
		}
	}
}

func TestRestrictedPermissions(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	root := filepath.Join(dir, "restricted")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s mode %o, want %o", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	for _, f := range walkFiles(t, filepath.Join(dir, "public")) {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o644 {
			t.Errorf("%s mode %o, want 644", f, got)
		}
	}
}
