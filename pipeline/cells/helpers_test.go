package cells

import (
	"errors"
	"testing"
	"time"
)

// day builds a UTC date for expectations.
func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// reasonOf returns the reason of a cell error, "" for nil, and fails the
// test when err is not an *Error.
func reasonOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not *cells.Error", err, err)
	}
	if e.Reason == "" {
		t.Fatalf("empty reason")
	}
	return e.Reason
}

// checkReason compares an error with the wanted reason: want "" means no
// error, want "*" means any *Error.
func checkReason(t *testing.T, in string, err error, want string) {
	t.Helper()
	got := reasonOf(t, err)
	switch {
	case want == "*" && got == "":
		t.Errorf("%q: no error, want one", in)
	case want != "*" && got != want:
		t.Errorf("%q: reason %q, want %q", in, got, want)
	}
}
