package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dropwatch/privacy"
)

const (
	imgName    = `<img src=x onerror=alert(1)>`
	scriptName = `</script><script>alert(1)</script>`
)

// hostile puts markup into a school name, a village name, children's
// names and a quarantined value.
const hostile = `
INSERT INTO mart.school_term_enrolment VALUES
	(2025, 1, '2144000008', '<img src=x onerror=alert(1)>', '小学', 10),
	(2025, 1, '2144000009', '</script><script>alert(1)</script>', '初中', 20);
INSERT INTO mart.indicators VALUES
	(2024, 'school', '2144000008', '<img src=x onerror=alert(1)>', 'primary_dropout', 1, 10, 10, 0.5, 0.5, '一票否决');
INSERT INTO mart.unaccounted_children VALUES
	(2025, 1, '440101201801019999', '<img src=x onerror=alert(1)>', '女', DATE '2018-01-01', 7, '441302101299',
	 '</script><script>alert(1)</script>', '1', '从未入学', '<img src=x onerror=alert(1)>', '<b>x</b>', '<i>y</i>', '13800009999', 1);
INSERT INTO mart.dropouts VALUES
	(2024, '小学', '2144000008', '440101201503159999', '<img src=x onerror=alert(1)>', 4, '1', '登记辍学', '</script><script>alert(1)</script>', '劝返中', false);
INSERT INTO audit.quarantine VALUES
	(2, '学籍名册_2025秋.xlsx', '小学', 40, '姓名', '<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>');
`

func countOf(s, sub string) int { return strings.Count(s, sub) }

func TestHostileNamesAreEscaped(t *testing.T) {
	dir, site := buildSite(t, newTestDB(t, hostile))
	for _, page := range site.Pages {
		html := readFile(t, filepath.Join(dir, page))
		for _, raw := range []string{imgName, scriptName, "<img", "alert(1)</script>", "<b>x", "<i>y"} {
			if strings.Contains(html, raw) {
				t.Errorf("%s contains unescaped %q", page, raw)
			}
		}
	}
	school := readFile(t, filepath.Join(dir, "public", "schools", "2144000008.html"))
	if !strings.Contains(school, "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>") {
		t.Errorf("school page lacks the escaped name")
	}
	// The chart's option block is JSON: a name cannot close the script.
	pub := readFile(t, filepath.Join(dir, "public", "index.html"))
	if got, want := countOf(pub, "<script"), countOf(pub, `<script type="application/json"`)+2; got != want {
		t.Errorf("dashboard has %d <script elements, want %d", got, want)
	}
	list := readFile(t, filepath.Join(dir, "restricted", "unaccounted.html"))
	if !strings.Contains(list, `<td class="nm l">&lt;img src=x onerror=alert(1)&gt;`) {
		t.Errorf("restricted list lacks the escaped child name")
	}
	village := readFile(t, filepath.Join(dir, "public", "villages", "441302101299.html"))
	if !strings.Contains(village, "包村干部 &lt;*") || strings.Contains(village, "onerror") {
		t.Errorf("public village page should show the cadre masked and escaped")
	}
}

// chartCategories parses the JSON option block with the given id and returns
// its category axis' data (the first x axis, or the first y axis of a
// horizontal bar chart).
func chartCategories(t *testing.T, html, id string) []string {
	t.Helper()
	open := `<script type="application/json" id="` + id + `">`
	i := strings.Index(html, open)
	if i < 0 {
		t.Fatalf("no option block %s", id)
	}
	body := html[i+len(open):]
	body = body[:strings.Index(body, "</script>")]
	type axis []struct {
		Data []string `json:"data"`
	}
	var opt struct {
		XAxis axis `json:"xAxis"`
		YAxis axis `json:"yAxis"`
	}
	if err := json.Unmarshal([]byte(body), &opt); err != nil {
		t.Fatalf("option block %s is not JSON: %v\n%s", id, err, body)
	}
	for _, a := range []axis{opt.XAxis, opt.YAxis} {
		if len(a) > 0 && a[0].Data != nil {
			return a[0].Data
		}
	}
	t.Fatalf("option block %s has no category axis", id)
	return nil
}

func TestChartReasonsRoundTrip(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t, hostile))
	pub := readFile(t, filepath.Join(dir, "public", "index.html"))
	reasons := chartCategories(t, pub, "chart-dropout-reason-option")
	if !slices.Contains(reasons, scriptName) {
		t.Errorf("reason categories %q lack %q after the JSON round trip", reasons, scriptName)
	}
}

// fixtureNames are every person's name the named marts hold.
func fixtureNames(t *testing.T) []string {
	t.Helper()
	db := newTestDB(t)
	rows, err := db.QueryContext(context.Background(), `
		SELECT name FROM mart.unaccounted_children UNION SELECT town_cadre FROM mart.unaccounted_children
		UNION SELECT village_cadre FROM mart.unaccounted_children UNION SELECT guardian FROM mart.unaccounted_children
		UNION SELECT name FROM mart.dropouts UNION SELECT name FROM mart.persuasion UNION SELECT persuader FROM mart.persuasion
		UNION SELECT name FROM mart.handoff_status UNION SELECT name FROM mart.early_warning
		UNION SELECT guardian FROM mart.early_warning UNION SELECT head_teacher FROM mart.early_warning
		UNION SELECT name FROM mart.care_register UNION SELECT guardian FROM mart.care_register
		UNION SELECT head_teacher FROM mart.care_register
		UNION SELECT name FROM mart.cases UNION SELECT guardian FROM mart.cases UNION SELECT last_checker FROM mart.cases
		UNION SELECT head_teacher FROM mart.cases UNION SELECT village_cadre FROM mart.cases`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n sql.NullString
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n.Valid {
			names = append(names, n.String)
		}
	}
	return names
}

func TestPublicHoldsNoPersonalData(t *testing.T) {
	dir, _ := buildSite(t, newTestDB(t))
	// The fixture does hold such numbers and names: they reach restricted/.
	q := readFile(t, filepath.Join(dir, "restricted", "quarantine.html"))
	if !privacy.IDNumberLike.MatchString(q) || !privacy.PhoneLike.MatchString(q) {
		t.Fatalf("fixture should put an identity and a phone number into restricted/quarantine.html")
	}
	names := fixtureNames(t)
	if len(names) < 10 {
		t.Fatalf("fixture names: %q", names)
	}
	for _, f := range walkFiles(t, filepath.Join(dir, "public")) {
		if strings.HasSuffix(f, ".js") {
			continue
		}
		s := readFile(t, f)
		if strings.HasSuffix(f, ".xlsx") {
			s = xlsxText(t, f)
		}
		if m := privacy.IDNumberLike.FindString(s); m != "" {
			t.Errorf("%s holds identity-number-like %q", f, m)
		}
		if m := privacy.PhoneLike.FindString(s); m != "" {
			t.Errorf("%s holds phone-like %q", f, m)
		}
		for _, n := range names {
			if strings.Contains(s, n) {
				t.Errorf("%s holds the name %q unmasked", f, n)
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
