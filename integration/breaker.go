package integration

import (
	"context"

	"github.com/provisiond/provisiond/store"
)

// BreakerInput changes an integration's breaker (account/breaker.go); nil
// fields keep their value.
type BreakerInput struct {
	Enabled       *bool
	Percent       *int // of the active accounts, 1..100
	Min           *int // deprovisions, at least 1
	WindowSeconds *int // 60 .. store.MaxBreakerWindow
}

// SetBreaker changes integration id's breaker alone (the admin API's
// breaker resource), audited as integration.breaker_updated.
func (s *Service) SetBreaker(ctx context.Context, actor, id string, p BreakerInput) (store.BreakerSettings, error) {
	var b store.BreakerSettings
	err := s.write(ctx, "breaker of "+id, func(tx *store.Store) error {
		var err error
		if b, err = setBreaker(ctx, tx, id, p); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "integration.breaker_updated", "integration", id, breakerDetails(b))
	})
	if err != nil {
		return b, err
	}
	return b, nil
}

// setBreaker applies p inside tx; a refusal is a *store.InvalidError of
// field "breaker".
func setBreaker(ctx context.Context, tx *store.Store, id string, p BreakerInput) (store.BreakerSettings, error) {
	b, err := tx.IntegrationBreaker(ctx, id)
	if err != nil {
		return b, err
	}
	for dst, v := range map[*int]*int{&b.Percent: p.Percent, &b.Min: p.Min, &b.WindowSeconds: p.WindowSeconds} {
		if v != nil {
			*dst = *v
		}
	}
	if p.Enabled != nil {
		b.Enabled = *p.Enabled
	}
	if msg := store.ValidateBreaker(b); msg != "" {
		return b, invalid("breaker", "%s", msg)
	}
	return b, tx.SetIntegrationBreaker(ctx, id, b)
}

func breakerDetails(b store.BreakerSettings) map[string]any {
	return map[string]any{"enabled": b.Enabled, "percent": b.Percent, "min": b.Min, "windowSeconds": b.WindowSeconds}
}
