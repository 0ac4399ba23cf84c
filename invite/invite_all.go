package invite

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// AllResult sums up an invite-all.
type AllResult struct {
	Invited           int  `json:"invited"`     // invitations created
	AccessCodes       int  `json:"accessCodes"` // codes issued to accounts without email
	AlreadyInvited    int  `json:"alreadyInvited"`
	AutoInviteEnabled bool `json:"autoInviteEnabled"` // the integration's autoInvite was turned on by this request
}

// batchSize bounds one transaction of invite-all: big enough for speed,
// small enough that SQLite's single connection is never held for long.
const batchSize = 1000

// InviteAll invites every active not_invited account (of integration in
// when not nil; inviting all of an integration also turns its autoInvite
// on, as the seed product does). It works in batches of batchSize, each one
// transaction: invitations, account statuses, audit events and delivery jobs
// commit together.
func (s *Service) InviteAll(ctx context.Context, actor string, in *store.Integration, message string) (AllResult, error) {
	return s.InviteAllProgress(ctx, actor, in, message, nil)
}

// InviteAllProgress is InviteAll telling progress, when not nil, after each
// batch: accounts handled so far out of total (the CLI's progress bar).
func (s *Service) InviteAllProgress(ctx context.Context, actor string, in *store.Integration, message string, progress func(done, total int)) (AllResult, error) {
	var res AllResult
	intID := ""
	if in != nil {
		intID = in.ID
		if !in.AutoInvite {
			err := s.Store.Tx(ctx, func(tx *store.Store) error {
				if _, err := tx.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error { i.AutoInvite = true; return nil }); err != nil {
					return err
				}
				return tx.Audit(ctx, actor, "integration.updated", "integration", in.ID,
					map[string]any{"autoInvite": true, "reason": "invite all"})
			})
			if err != nil {
				return res, fmt.Errorf("invite: all: enable auto-invite: %w", err)
			}
			in.AutoInvite, res.AutoInviteEnabled = true, true
		}
	}
	ids, err := s.Store.InviteCandidateIDs(ctx, intID)
	if err != nil {
		return res, fmt.Errorf("invite: all: %w", err)
	}
	// Every batch looks its accounts up by primary key; after a bulk load
	// PostgreSQL may not know yet that the table is big enough for that.
	if len(ids) >= 2*batchSize {
		if _, err := s.Store.RefreshStaleAccountStats(ctx, len(ids)); err != nil {
			s.Log.WarnContext(ctx, "invite all: refreshing account statistics failed", "err", err)
		}
	}
	// PostgreSQL spends most of a batch waiting on the server (index
	// updates, commit), whose CPU the delivery workers' connections share
	// as soon as the first batch commits: four batches side by side there
	// (of the pool's 20 connections) finish 100,000 in 8 s where two took
	// 9-10 (docs/performance.md). SQLite has one connection: one at a
	// time. Batches touch disjoint accounts.
	par := 1
	if s.Store.Dialect() == store.Postgres {
		par = 4
	}
	var mu sync.Mutex
	done := 0
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(par)
	for i := 0; i < len(ids); i += batchSize {
		chunk := ids[i:min(i+batchSize, len(ids))]
		g.Go(func() error {
			var part AllResult
			err := s.Store.Tx(gctx, func(tx *store.Store) error {
				part = AllResult{}
				accts, err := tx.LockInviteCandidates(gctx, chunk)
				if err != nil {
					return err
				}
				return s.inviteBatch(gctx, tx, actor, accts, message, &part)
			})
			if err != nil {
				return err
			}
			mu.Lock()
			res.Invited, res.AccessCodes, res.AlreadyInvited = res.Invited+part.Invited,
				res.AccessCodes+part.AccessCodes, res.AlreadyInvited+part.AlreadyInvited
			done += len(chunk)
			if progress != nil {
				progress(done, len(ids))
			}
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return res, fmt.Errorf("invite: all: %w", err)
	}
	return res, nil
}

// inviteBatch invites accts in tx with set-based statements.
func (s *Service) inviteBatch(ctx context.Context, tx *store.Store, actor string, accts []store.Account, message string, res *AllResult) error {
	invs := make([]store.Invitation, 0, len(accts))
	tokens := map[string]string{}
	sources := map[string]*store.Integration{}
	for i := range accts {
		a := &accts[i]
		if a.Email == "" {
			_, err := s.issueCodeTx(ctx, tx, actor, a)
			switch {
			case errors.Is(err, ErrAlreadyInvited):
				res.AlreadyInvited++
			case err != nil:
				return err
			default:
				res.AccessCodes++
			}
			continue
		}
		// The delay is for IdPs still pushing groups; an admin's "invite all"
		// sends now, by each integration's delivery method.
		src, err := s.methodSource(ctx, tx, sources, a)
		if err != nil {
			return err
		}
		inv, token := s.newInvitation(ctx, actor, a, src, message)
		invs = append(invs, *inv)
		tokens[inv.ID] = token
	}
	got, err := tx.InsertInvitations(ctx, invs)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(got))
	invited := make([]*store.Account, 0, len(got))
	byID := make(map[string]*store.Account, len(accts))
	for i := range accts {
		byID[accts[i].ID] = &accts[i]
	}
	audits := make([]store.AuditEntry, 0, len(got))
	fan := FanoutArgs{Deliveries: make([]DeliveryArgs, 0, len(got))}
	for i := range invs {
		inv := &invs[i]
		if !got[inv.AccountID] {
			res.AlreadyInvited++
			continue
		}
		res.Invited++
		ids = append(ids, inv.AccountID)
		invited = append(invited, byID[inv.AccountID])
		audits = append(audits, store.AuditEntry{Action: "invitation.created", TargetType: "invitation", TargetID: inv.ID,
			Details: map[string]any{"accountId": inv.AccountID, "delivery": inv.Delivery, "bulk": true}})
		if !s.MailEnabled() {
			s.logLink(ctx, inv, tokens[inv.ID])
			continue
		}
		args, err := s.deliveryArgs(inv.ID, tokens[inv.ID])
		if err != nil {
			return err
		}
		fan.Deliveries = append(fan.Deliveries, args) // invite-all sends now: no delay
	}
	if err := tx.SetLockedAccountsStatus(ctx, ids, store.StatusInvited); err != nil {
		return err
	}
	for _, a := range invited { // as SetLockedAccountsStatus wrote them
		a.Status, a.Version = store.StatusInvited, a.Version+1
	}
	if err := webhook.EnqueueAccounts(ctx, tx, webhook.AccountInvited, actor, invited); err != nil {
		return err
	}
	if err := tx.AuditMany(ctx, actor, audits); err != nil {
		return err
	}
	if len(fan.Deliveries) > 0 {
		if _, err := s.Jobs.InsertTx(ctx, tx.SQLTx(), fan, nil); err != nil {
			return fmt.Errorf("enqueue deliveries: %w", err)
		}
	}
	return nil
}
