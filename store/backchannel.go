package store

import (
	"context"
	"fmt"
	"time"
)

// BackchannelLogout is one logout token to send to one client about one
// account (backchannel/): for one of its sign-in sessions (SID) or, with
// SID empty, for the account as a whole. Its status and attempts follow
// the webhook deliveries' (WebhookPending, WebhookDelivered, WebhookFailed).
type BackchannelLogout struct {
	ID             int64 `gorm:"primaryKey"`
	ClientID       string
	AccountID      string
	SID            string `gorm:"column:sid"`
	Status         string
	Attempts       int
	LastStatusCode int
	LastError      string
	LastAttemptAt  *time.Time
	CreatedAt      time.Time
	FinishedAt     *time.Time
}

// TableName pins the table.
func (BackchannelLogout) TableName() string { return "backchannel_logouts" }

// SignInSession is one grant an account holds at a client: the tokens of
// one code exchange and the refresh tokens rotated from it (their family,
// which the ID tokens of that grant name as sid).
type SignInSession struct {
	ClientID string
	SID      string `gorm:"column:sid"`
}

// SignInSessionsOf lists the grants account id holds, expired tokens
// included (the application's session may outlive them), by client.
func (s *Store) SignInSessionsOf(ctx context.Context, id string) ([]SignInSession, error) {
	out := []SignInSession{}
	err := s.q(ctx).Raw(`SELECT DISTINCT client_id, family_id AS sid FROM oidc_tokens
		WHERE account_id = ? AND family_id IS NOT NULL ORDER BY client_id, family_id`, id).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: sign-in sessions of %s: %w", id, mapErr(err))
	}
	return out, nil
}

// BackchannelClients lists the enabled clients that registered a
// back-channel logout URI.
func (s *Store) BackchannelClients(ctx context.Context) ([]OIDCClient, error) {
	out := []OIDCClient{}
	err := s.q(ctx).Where("backchannel_logout_uri <> '' AND NOT disabled").Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: back-channel clients: %w", mapErr(err))
	}
	return out, nil
}

// CreateBackchannelLogout inserts l (pending); the ID is the database's.
func (s *Store) CreateBackchannelLogout(ctx context.Context, l *BackchannelLogout) error {
	l.ID, l.Status, l.CreatedAt = 0, WebhookPending, Now()
	return s.insert(ctx, l, "back-channel logout")
}

// BackchannelLogoutByID returns one logout.
func (s *Store) BackchannelLogoutByID(ctx context.Context, id int64) (*BackchannelLogout, error) {
	return takeByID[BackchannelLogout](ctx, s, id, "back-channel logout")
}

// RecordBackchannelAttempt stores the outcome of one attempt of logout id:
// status is pending while it will be tried again, else final.
func (s *Store) RecordBackchannelAttempt(ctx context.Context, id int64, status string, code int, errText string) error {
	now := Now()
	var finished *time.Time
	if status != WebhookPending {
		finished = &now
	}
	err := s.q(ctx).Exec(`UPDATE backchannel_logouts SET status = ?, attempts = attempts + 1, last_status_code = ?,
		last_error = ?, last_attempt_at = ?, finished_at = ? WHERE id = ?`,
		status, code, errText, now, finished, id).Error
	if err != nil {
		return fmt.Errorf("store: record back-channel logout attempt %d: %w", id, mapErr(err))
	}
	return nil
}

// BackchannelLogoutQuery filters a list of logouts.
type BackchannelLogoutQuery struct {
	ClientID, AccountID, Status string
	Limit, Offset               int
}

// BackchannelLogouts lists logouts, newest first, with the total count.
func (s *Store) BackchannelLogouts(ctx context.Context, f BackchannelLogoutQuery) ([]BackchannelLogout, int64, error) {
	q := s.q(ctx).Model(&BackchannelLogout{})
	q = whereEq(q, "client_id", f.ClientID, "account_id", f.AccountID, "status", f.Status)
	return findPage[BackchannelLogout](q, "id DESC", f.Limit, f.Offset, "back-channel logouts")
}

// PurgeBackchannelLogouts deletes finished logouts created before before.
func (s *Store) PurgeBackchannelLogouts(ctx context.Context, before time.Time) (int64, error) {
	return s.purgeFinished(ctx, "backchannel_logouts", "back-channel logouts", before)
}
