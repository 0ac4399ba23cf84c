package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// countAttempt counts one attempt against key; ErrThrottled past the limit.
func (c *Claims) countAttempt(ctx context.Context, key string, lim store.AttemptLimit) error {
	ok, err := c.Store.CountAttempt(ctx, key, lim)
	if err != nil {
		return fmt.Errorf("invite: throttle: %w", err)
	}
	if !ok {
		return ErrThrottled
	}
	return nil
}

// forgive takes back the attempts of a valid code: only failures count.
func (c *Claims) forgive(ctx context.Context, keys []string) {
	for _, k := range keys {
		if err := c.Store.ForgiveAttempt(ctx, k); err != nil {
			c.log().WarnContext(ctx, "throttle: forgive attempt", "err", err)
		}
	}
}
