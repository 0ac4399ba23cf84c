package main

import (
	"context"
	"time"

	"github.com/provisiond/provisiond/store"
)

// setBreaker applies the --breaker* flags of integration set (zero: unchanged).
func setBreaker(ctx context.Context, tx *store.Store, id string, on optBool, percent, minimum int, window time.Duration, changes map[string]any) error {
	b, err := tx.IntegrationBreaker(ctx, id)
	if err != nil {
		return err
	}
	if on.set {
		b.Enabled = on.val
	}
	if percent != 0 {
		b.Percent = percent
	}
	if minimum != 0 {
		b.Min = minimum
	}
	if window != 0 {
		b.WindowSeconds = int(window.Seconds())
	}
	if msg := store.ValidateBreaker(b); msg != "" {
		return usagef("--breaker: %s", msg)
	}
	changes["breaker"] = map[string]any{"enabled": b.Enabled, "percent": b.Percent, "min": b.Min, "windowSeconds": b.WindowSeconds}
	return tx.SetIntegrationBreaker(ctx, id, b)
}
