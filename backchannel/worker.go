package backchannel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// RequestTimeout bounds one attempt.
const RequestTimeout = 10 * time.Second

// Signer signs logout tokens with the sign-in provider's keys
// (signin.Provider is one).
type Signer interface {
	LogoutToken(ctx context.Context, clientID, subject, sid string) (string, error)
}

// Worker posts logout tokens. Register it with River in serve.
type Worker struct {
	river.WorkerDefaults[Args]
	Store  *store.Store
	Signer Signer
	// Egress is what logouts may connect to, checked at every connection
	// (egress/doc.go); HTTP, when set, replaces it (and is then the
	// caller's to guard).
	Egress egress.Policy
	HTTP   *http.Client
	Log    *slog.Logger // nil: slog.Default()
}

// Timeout keeps an attempt well below jobs.RescueStuckJobsAfter.
func (w *Worker) Timeout(*river.Job[Args]) time.Duration { return 30 * time.Second }

// Work makes one attempt at a logout.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	l, ok, err := jobs.Found(w.Store.BackchannelLogoutByID(ctx, job.Args.LogoutID))
	if !ok || l.Status != store.WebhookPending {
		return err // nil when its client was deleted
	}
	c, ok, err := jobs.Found(w.Store.OIDCClientByID(ctx, l.ClientID))
	if !ok {
		return err
	}
	if c.Disabled || c.BackchannelLogoutURI == "" {
		return w.Store.RecordBackchannelAttempt(ctx, l.ID, store.WebhookFailed, 0,
			"client disabled or without back-channel logout URI")
	}
	token, err := w.Signer.LogoutToken(ctx, c.ID, l.AccountID, l.SID)
	if err != nil {
		return fmt.Errorf("backchannel: sign logout %d: %w", l.ID, err)
	}
	code, postErr := w.post(ctx, c.BackchannelLogoutURI, token)
	status := store.WebhookDelivered
	errText := ""
	if postErr != nil {
		status, errText = store.WebhookPending, postErr.Error()
		if !retryable(code) || job.Attempt >= job.MaxAttempts {
			status = store.WebhookFailed
		}
	}
	if err := w.Store.RecordBackchannelAttempt(ctx, l.ID, status, code, errText); err != nil {
		return errors.Join(postErr, err)
	}
	if postErr == nil {
		return nil
	}
	log := w.Log
	if log == nil {
		log = slog.Default()
	}
	log.WarnContext(ctx, "back-channel logout failed", "logout", l.ID, "client", c.ID,
		"attempt", job.Attempt, "status", code, "err", postErr)
	if status == store.WebhookFailed {
		return river.JobCancel(postErr)
	}
	return postErr
}

// retryable says whether an answer (0: none) is worth another token:
// network errors, 408, 429 and 5xx are; the application's other refusals
// would refuse the next token too.
func retryable(code int) bool {
	return code == 0 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500
}

// post sends one logout token and returns the status code.
func (w *Worker) post(ctx context.Context, uri, token string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	body := url.Values{"logout_token": {token}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uri, strings.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("backchannel: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "provisiond-backchannel-logout/1")
	resp, err := w.client().Do(req)
	if err != nil {
		return 0, fmt.Errorf("backchannel: post: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("backchannel: client answered %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}

// client is HTTP, or a client guarded by Egress: no redirects followed,
// no proxy, every connection's address checked. Logouts are rare: one
// client per attempt keeps no idle connection to an application.
func (w *Worker) client() *http.Client {
	if w.HTTP != nil {
		return w.HTTP
	}
	return w.Egress.HTTPClient(RequestTimeout)
}
