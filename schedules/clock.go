package schedules

import (
	"context"
	"time"
)

// Clock is the time the scheduler reads and waits on. The daemon uses
// SystemClock; tests inject a clock they advance by hand, so back-off and
// grace periods never take real minutes.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// After sends the time on the returned channel once d has passed.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the machine's clock.
var SystemClock Clock = systemClock{}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// errStopped means the daemon is stopping, so nothing new starts.
var errStopped = stoppedError{}

type stoppedError struct{}

func (stoppedError) Error() string {
	return "已放弃：服务正在停止 / abandoned: the service is stopping"
}

// sleep waits d on the clock. It returns ctx's error when ctx ends first
// and errStopped when stop is closed first.
func sleep(ctx context.Context, stop <-chan struct{}, c Clock, d time.Duration) error {
	select {
	case <-c.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return errStopped
	}
}
