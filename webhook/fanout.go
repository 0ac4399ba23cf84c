package webhook

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// fanoutMin is the number of deliveries (events times the endpoints
// subscribed) from which a change's delivery jobs are left to one fan-out
// job (FanoutArgs) instead of inserted in its transaction. A bulk change
// (an invite-all batch of 1,000 accounts) inserted a River job per
// delivery inside the admin's call, row by row on SQLite, and all of them
// at once became a queue that held the mails back; a smaller change (a
// SCIM create batch of a few dozen) still inserts its jobs itself, in the
// default queue, so that they run at once.
const fanoutMin = 100

// FanoutArgs carries the delivery ids of one bulk change. In River's table
// they are one string of ascending ids and id ranges ("7-1006,1010"): a
// JSON array would give PostgreSQL's GIN index on river_job.args an entry
// per id (invite.FanoutArgs explains).
type FanoutArgs struct {
	IDs string `json:"ids"`
}

// Kind names the job in River's table.
func (FanoutArgs) Kind() string { return "webhook_delivery_fanout" }

// InsertOpts puts fan-outs in the bulk queue, worked a few at a time.
func (FanoutArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.QueueBulk, MaxAttempts: MaxAttempts}
}

// packIDs writes ids (ascending) as runs: "a-b" for a run of consecutive
// ids, "a" alone, comma-separated.
func packIDs(ids []int64) string {
	var b strings.Builder
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(ids[i], 10))
		if j > i {
			b.WriteByte('-')
			b.WriteString(strconv.FormatInt(ids[j], 10))
		}
		i = j + 1
	}
	return b.String()
}

// maxUnpacked bounds what unpackIDs returns: far above a fan-out's
// batch, so a corrupt row fails instead of allocating without end.
const maxUnpacked = 1 << 20

// unpackIDs reads packIDs's form: strictly ascending ids, so that no
// delivery gets two jobs.
func unpackIDs(s string) ([]int64, error) {
	var ids []int64
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !digits(lo) || isRange && !digits(hi) {
			return nil, fmt.Errorf("webhook: fan-out ids: bad part %q", part)
		}
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil || a <= 0 {
			return nil, fmt.Errorf("webhook: fan-out ids: bad id %q", lo)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("webhook: fan-out ids: bad range %q", part)
			}
		}
		if b-a >= int64(maxUnpacked-len(ids)) {
			return nil, fmt.Errorf("webhook: fan-out ids: more than %d", maxUnpacked)
		}
		if len(ids) > 0 && a <= ids[len(ids)-1] {
			return nil, fmt.Errorf("webhook: fan-out ids: %d not after %d", a, ids[len(ids)-1])
		}
		for k := int64(0); k <= b-a; k++ { // not id <= b: b may be the largest int64
			ids = append(ids, a+k)
		}
	}
	return ids, nil
}

// digits reports whether s is one or more ASCII digits (no sign).
func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// enqueueFanout leaves the jobs of deliveries (ascending ids) to one
// fan-out job, inserted in tx.
func enqueueFanout(ctx context.Context, tx *store.Store, deliveries []int64) error {
	return insertJobs(ctx, tx, []river.InsertManyParams{{Args: FanoutArgs{IDs: packIDs(deliveries)}}})
}

// FanoutWorker inserts a fan-out's delivery jobs. Register it beside
// DeliveryWorker.
type FanoutWorker struct {
	river.WorkerDefaults[FanoutArgs]
	Store *store.Store
}

// fanoutSnooze is how long a fan-out that found no room waits before
// looking again: each look is a write of its job row.
const fanoutSnooze = 5 * time.Second

// Work inserts the delivery jobs, in the events queue, and completes
// itself in one transaction, so each delivery job is inserted exactly once.
// While FanoutBacklog deliveries already wait there, it snoozes instead
// (without spending an attempt), leaving its bulk worker to the invitation
// fan-outs; the events queue's own workers drain that backlog whatever
// else the default queue holds.
func (w *FanoutWorker) Work(ctx context.Context, job *river.Job[FanoutArgs]) error {
	ids, err := unpackIDs(job.Args.IDs)
	if err != nil {
		return river.JobCancel(err)
	}
	if n, err := w.Store.AvailableJobs(ctx, jobs.QueueEvents, jobs.FanoutBacklog); err == nil && n >= jobs.FanoutBacklog {
		return river.JobSnooze(fanoutSnooze)
	}
	params := make([]river.InsertManyParams, len(ids))
	opts := &river.InsertOpts{Queue: jobs.QueueEvents}
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: DeliveryArgs{DeliveryID: id}, InsertOpts: opts}
	}
	return w.Store.Tx(ctx, func(tx *store.Store) error {
		if err := jobs.InsertManyFastTx(ctx, tx, params); err != nil {
			return fmt.Errorf("webhook: fan out %d deliveries: %w", len(params), err)
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}
