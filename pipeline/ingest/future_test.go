package ingest

import (
	"context"
	"strings"
	"testing"
)

// A dropout dated after the load day is quarantined with the reason;
// before, it loaded, counted in no school year and was reported nowhere.
// The loader's clock is 2026-03-01 (newLoader).
func TestFutureDropoutDateQuarantined(t *testing.T) {
	ld, db := newLoader(t)
	body := "身份证件号,姓名,学校标识码,年级,辍学日期,辍学原因\n" +
		"430521201908310114,赵子涵,2143052103,一年级,2099-09-01,厌学\n" +
		"430521201908310114,赵子涵,2143052103,一年级,2026-03-01,厌学\n"
	res, err := ld.LoadFile(context.Background(), write(t, "辍学.csv", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Loaded || res.Rows != 2 || res.Quarantined != 1 {
		t.Fatalf("%s, %d rows, %d quarantined; want loaded, 2 rows, 1 quarantined", res.Outcome, res.Rows, res.Quarantined)
	}
	var row int
	var reason string
	if err := db.QueryRow("SELECT row_number, reason FROM raw.cell_errors").Scan(&row, &reason); err != nil {
		t.Fatal(err)
	}
	if row != 2 || !strings.Contains(reason, "2099-09-01") || !strings.Contains(reason, "之后") {
		t.Errorf("row %d reason %q; want row 2 naming the date as after the load day", row, reason)
	}
}
