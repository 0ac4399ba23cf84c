package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Limits of one attempt.
const (
	RequestTimeout = 10 * time.Second
	// MaxResponseBytes is how much of a response is kept, for owners to read.
	MaxResponseBytes = 2048
)

// DeliveryWorker posts deliveries. Register it with River in serve.
type DeliveryWorker struct {
	river.WorkerDefaults[DeliveryArgs]
	Store *store.Store
	Keys  *secret.Keys
	// Egress is what deliveries may connect to, checked at every
	// connection (egress/doc.go); HTTP, when set, replaces it (and is then
	// the caller's to guard).
	Egress egress.Policy
	HTTP   *http.Client
	Log    *slog.Logger
	// OrderWait is the shortest wait while an earlier delivery of the same
	// account is pending (default 2 s); it grows with the delivery's age.
	OrderWait time.Duration

	clientOnce sync.Once
	guarded    *http.Client
}

// Timeout keeps an attempt well below jobs.RescueStuckJobsAfter.
func (w *DeliveryWorker) Timeout(*river.Job[DeliveryArgs]) time.Duration { return 30 * time.Second }

// Work makes one attempt at a delivery.
func (w *DeliveryWorker) Work(ctx context.Context, job *river.Job[DeliveryArgs]) error {
	d, ok, err := jobs.Found(w.Store.WebhookDeliveryByID(ctx, job.Args.DeliveryID))
	if !ok || d.Status != store.WebhookPending {
		return err // nil when its endpoint was deleted
	}
	if wait, err := w.Store.PendingBefore(ctx, d); err != nil || wait {
		if err != nil {
			return err
		}
		return river.JobSnooze(w.orderWait(d))
	}
	ep, ok, err := jobs.Found(w.Store.WebhookEndpointByID(ctx, d.EndpointID))
	if !ok {
		return err
	}
	if ep.Disabled {
		return w.Store.RecordWebhookAttempt(ctx, d.ID, store.WebhookAttempt{Status: store.WebhookFailed, Error: "endpoint disabled"})
	}
	sec, err := w.Keys.Open(ep.SecretSealed, secretAAD(ep.ID))
	if err != nil {
		return river.JobCancel(fmt.Errorf("webhook: open secret of endpoint %s: %w", ep.ID, err))
	}
	start := time.Now()
	code, resp, postErr := w.post(ctx, ep, d, string(sec))
	at := store.WebhookAttempt{Status: store.WebhookDelivered, Code: code, Response: resp, Took: time.Since(start)}
	if postErr != nil {
		at.Status, at.Error = store.WebhookPending, postErr.Error()
		if job.Attempt >= job.MaxAttempts {
			at.Status = store.WebhookFailed
		}
	}
	if err := w.Store.RecordWebhookAttempt(ctx, d.ID, at); err != nil {
		return errors.Join(postErr, err)
	}
	if postErr != nil {
		w.log().WarnContext(ctx, "webhook delivery failed", "delivery", d.ID, "endpoint", ep.ID,
			"attempt", job.Attempt, "status", code, "err", postErr)
	}
	return postErr
}

// post sends the delivery once and returns the status code and the start
// of the response body.
func (w *DeliveryWorker) post(ctx context.Context, ep *store.WebhookEndpoint, d *store.WebhookDelivery, sec string) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("webhook: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "provisiond-webhook/1")
	req.Header.Set("Provisiond-Event", d.EventType)
	req.Header.Set("Provisiond-Event-Id", d.EventID)
	req.Header.Set("Provisiond-Delivery", strconv.FormatInt(d.ID, 10))
	req.Header.Set(SignatureHeader, Sign(sec, time.Now(), body))
	resp, err := w.client().Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("webhook: post: %w", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes))
	kept := storable(b)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, kept, fmt.Errorf("webhook: endpoint answered %d", resp.StatusCode)
	}
	return resp.StatusCode, kept, nil
}

// storable is the start of a response as text both databases store: the
// endpoint chooses those bytes, and PostgreSQL refuses invalid UTF-8 and
// NUL in text, which would fail the recording of the attempt.
func storable(b []byte) string {
	return strings.ReplaceAll(strings.ToValidUTF8(string(b), "\uFFFD"), "\x00", "")
}

// client is HTTP, or one client guarded by Egress: no redirects followed,
// no proxy, every connection's address checked.
func (w *DeliveryWorker) client() *http.Client {
	if w.HTTP != nil {
		return w.HTTP
	}
	w.clientOnce.Do(func() { w.guarded = w.Egress.HTTPClient(RequestTimeout) })
	return w.guarded
}

// orderWait grows with the delivery's age, so a delivery stuck behind a
// failing one polls rarely: a tenth of its age, within [OrderWait, 5 min].
func (w *DeliveryWorker) orderWait(d *store.WebhookDelivery) time.Duration {
	floor := w.OrderWait
	if floor <= 0 {
		floor = 2 * time.Second
	}
	return max(floor, min(time.Since(d.CreatedAt)/10, 5*time.Minute))
}

func (w *DeliveryWorker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.Default()
}

func secretAAD(endpointID string) string { return "webhook:" + endpointID }
