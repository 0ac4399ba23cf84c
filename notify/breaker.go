package notify

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// BreakerArgs is the breaker notice of one integration to one owner.
type BreakerArgs struct {
	IntegrationID string `json:"integrationId"`
	AdminID       string `json:"adminId"`
}

// Kind names the job in River's table.
func (BreakerArgs) Kind() string { return "breaker_notice" }

// Breaker is the account.BreakerNotifier that queues the notices.
type Breaker struct {
	Jobs *jobs.Client // set once the River client exists
}

var _ account.BreakerNotifier = (*Breaker)(nil)

// BreakerTripped inserts, in tx, one notice job per enabled owner with an
// address.
func (b *Breaker) BreakerTripped(ctx context.Context, tx *store.Store, t account.Trip) error {
	admins, err := tx.Admins(ctx)
	if err != nil {
		return fmt.Errorf("notify: breaker owners: %w", err)
	}
	var params []river.InsertManyParams
	for _, a := range admins {
		if owner(a) {
			params = append(params, river.InsertManyParams{Args: BreakerArgs{IntegrationID: t.IntegrationID, AdminID: a.ID}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := b.Jobs.InsertManyFastTx(ctx, tx.SQLTx(), params); err != nil {
		return fmt.Errorf("notify: queue breaker notices: %w", err)
	}
	return nil
}

// owner reports whether a gets the breaker notice.
func owner(a store.Admin) bool { return a.Role == "owner" && !a.Disabled && a.Email != "" }
