package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// BreakerWorker sends breaker notices. River retries a temporary SMTP
// failure with its backoff; a refused message is not retried.
type BreakerWorker struct {
	river.WorkerDefaults[BreakerArgs]
	Store   *store.Store
	Sender  mail.Sender // nil: no SMTP; the notice is logged as not sent
	OrgName string
	BaseURL string // the console link is built from it (PROVISIOND_BASE_URL)
	Log     *slog.Logger
}

// Timeout keeps a send below jobs.RescueStuckJobsAfter.
func (w *BreakerWorker) Timeout(*river.Job[BreakerArgs]) time.Duration { return time.Minute }

// Work mails one owner, if they still are one and changes are still held.
func (w *BreakerWorker) Work(ctx context.Context, job *river.Job[BreakerArgs]) error {
	args := job.Args
	a, err := w.Store.AdminByID(ctx, args.AdminID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !owner(*a)) {
		return nil // deleted, disabled or no longer an owner meanwhile
	}
	if err != nil {
		return err
	}
	in, err := w.Store.IntegrationByID(ctx, args.IntegrationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	held, err := w.Store.CountPendingHeld(ctx, in.ID)
	if err != nil || held == 0 {
		return err // nil when admins have already decided on everything
	}
	if w.Sender == nil {
		w.Log.WarnContext(ctx, "breaker tripped: no SMTP configured, owner not mailed", "integration_id", in.ID, "admin_id", a.ID)
		return nil
	}
	link, err := url.JoinPath(w.BaseURL, "admin", "integrations", in.ID, "held-changes")
	if err != nil {
		return river.JobCancel(fmt.Errorf("notify: console link from base URL: %w", err))
	}
	data := mail.Data{OrgName: w.OrgName, RecipientName: a.Name, Integration: in.Name, Held: int(held), Link: link}
	msg, err := mail.Render(mail.KindBreakerTripped, ui.Pick(a.Language), data)
	if err != nil {
		return river.JobCancel(err)
	}
	if err := w.Sender.Send(ctx, mail.Outgoing{To: a.Email, ToName: a.Name, Message: msg}); err != nil {
		w.Log.WarnContext(ctx, "breaker notice not sent", "integration_id", in.ID, "admin_id", a.ID,
			"attempt", job.Attempt, "err", err)
		if mail.IsPermanent(err) {
			return river.JobCancel(err)
		}
		return err
	}
	return nil
}

// AddWorkers registers the notice workers on workers.
func AddWorkers(workers *river.Workers, w *BreakerWorker) {
	river.AddWorker(workers, w)
}
