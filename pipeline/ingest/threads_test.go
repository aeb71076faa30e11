package ingest

import (
	"context"
	"testing"
)

// A file loads with DuckDB on one thread (seen from inside the load), and
// the database's own setting (here 3) is back after it, whether the file
// loaded or was rejected.
func TestLoadOnOneThread(t *testing.T) {
	ld, _ := newLoader(t)
	ctx := context.Background()
	if _, err := ld.Conn.ExecContext(ctx, "SET threads = 3"); err != nil {
		t.Fatal(err)
	}
	threads := func() string {
		var s string
		if err := ld.Conn.QueryRowContext(ctx, "SELECT current_setting('threads')::VARCHAR").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	var during []string
	ld.afterHash = func(string) { during = append(during, threads()) }
	good := write(t, "名册.csv", []byte(rosterHeader+rosterRow))
	bad := write(t, "名册2.csv", []byte(rosterHeader+"\"2025,1\n"))
	for _, path := range []string{good, bad} {
		res, err := ld.LoadFile(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if got := threads(); got != "3" {
			t.Errorf("%s (%s): threads %s after the load, want 3", res.File, res.Outcome, got)
		}
	}
	if len(during) != 2 || during[0] != "1" || during[1] != "1" {
		t.Errorf("threads during the loads: %v, want [1 1]", during)
	}
}
