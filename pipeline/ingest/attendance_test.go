package ingest

import (
	"testing"
	"time"
)

// daysIn agrees with the calendar of package time for every month of the
// years a school year can fall in, 2000 (leap) and 1900, 2100 (not) among them.
func TestDaysIn(t *testing.T) {
	for y := 1899; y <= 2101; y++ {
		for m := 1; m <= 12; m++ {
			want := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := daysIn(y, m); got != want {
				t.Errorf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}
