package jobs

import (
	"time"

	"github.com/riverqueue/river/rivertype"
)

// FastRetry is a retry policy for tests: exponential from 50 ms, capped at
// 500 ms, so an outage-and-recovery test takes seconds, not hours.
type FastRetry struct{}

// NextRetry doubles the wait with each attempt.
func (FastRetry) NextRetry(job *rivertype.JobRow) time.Time {
	d := 50 * time.Millisecond << min(job.Attempt, 4)
	return time.Now().Add(min(d, 500*time.Millisecond))
}
