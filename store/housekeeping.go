package store

import (
	"context"
	"time"
)

// Swept is what one PurgeExpired removed, table by table.
type Swept struct {
	Attempts, SignIn, SigningKeys, WebhookDeliveries, Sessions, BackchannelLogouts int64
}

// Total is the number of rows removed.
func (w Swept) Total() int64 {
	return w.Attempts + w.SignIn + w.SigningKeys + w.WebhookDeliveries + w.Sessions + w.BackchannelLogouts
}

// PurgeExpired removes rows that can never be used again, so that no table
// grows without bound: throttle counters idle for a day (lockouts last
// minutes), expired sign-in requests, tokens and retired signing keys,
// finished webhook deliveries and back-channel logouts older than keep
// (the invitation retention),
// and console sessions past their end or idle for 12 hours (the absolute
// session limit, so whatever idle timeout the console uses has passed).
func (s *Store) PurgeExpired(ctx context.Context, now time.Time, keep time.Duration) (Swept, error) {
	var w Swept
	var err error
	if w.Attempts, err = s.PurgeAttempts(ctx, now.Add(-24*time.Hour)); err != nil {
		return w, err
	}
	if w.SignIn, err = s.PurgeSignIn(ctx, now); err != nil {
		return w, err
	}
	if w.SigningKeys, err = s.PurgeSigningKeys(ctx, now); err != nil {
		return w, err
	}
	if w.WebhookDeliveries, err = s.PurgeWebhookDeliveries(ctx, now.Add(-keep)); err != nil {
		return w, err
	}
	if w.BackchannelLogouts, err = s.PurgeBackchannelLogouts(ctx, now.Add(-keep)); err != nil {
		return w, err
	}
	w.Sessions, err = s.PurgeSessions(ctx, now, now.Add(-12*time.Hour))
	return w, err
}
