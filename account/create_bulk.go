package account

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// CreateBulk is Create for a batch of new, normalized accounts (Normalize)
// of integration in, inside the caller's transaction tx: the same origin and status rules (not_invited, or suspended
// when inactive), one account.created audit event each with Create's
// details, and the policy's Provisioned hook for each active account, in
// the same transaction; only the INSERTs are multi-row. A full sync of a
// large directory creates its accounts here (directory/upsert.go): one
// statement per row made 100k accounts a matter of minutes on PostgreSQL.
func (s *Service) CreateBulk(ctx context.Context, tx *store.Store, actor Actor, in *store.Integration, accts []*store.Account) error {
	if len(accts) == 0 {
		return nil
	}
	for _, a := range accts {
		a.IntegrationID = &in.ID
		if a.Origin == "" {
			a.Origin = in.Kind
		}
		a.Status = store.StatusNotInvited
		if !a.Active {
			a.Status = store.StatusSuspended
		}
	}
	if err := tx.CreateAccounts(ctx, accts); err != nil {
		return fmt.Errorf("account: create %d accounts: %w", len(accts), err)
	}
	evs := make([]store.AuditEvent, len(accts))
	for i, a := range accts {
		evs[i] = createdEvent(ctx, actor, a)
	}
	if err := tx.InsertAuditEvents(ctx, evs); err != nil {
		return fmt.Errorf("account: create %d accounts: %w", len(accts), err)
	}
	for _, a := range accts {
		if a.Active {
			if err := s.Policy.Provisioned(ctx, tx, actor, a, in); err != nil {
				return fmt.Errorf("account: create %q: %w", a.UserName, err)
			}
		}
	}
	return nil
}

// createdEvent is the account.created audit event of a, with Create's
// details, for the bulk paths that insert events in one statement.
// createdEvent is account.created for a, with the IdP's request id when
// its request carried one (store.WithSourceRequestID).
func createdEvent(ctx context.Context, actor Actor, a *store.Account) store.AuditEvent {
	details := map[string]any{"userName": a.UserName, "status": a.Status}
	if id := store.SourceRequestID(ctx); id != "" {
		details["idpRequestId"] = id
	}
	d, _ := json.Marshal(details) // strings cannot fail
	return store.AuditEvent{Actor: actor.String(), Action: "account.created", TargetType: "account",
		TargetID: a.ID, Details: string(d)}
}
