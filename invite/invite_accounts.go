package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// InviteResult is what an invite request did to one account.
type InviteResult struct {
	AccountID string  `json:"accountId,omitempty"`
	Value     string  `json:"value,omitempty"` // what the admin gave: an id, an address
	Outcome   Outcome `json:"result"`
	// AccessCode: invited (or, in a dry run, would be) with an access code,
	// since the account has no email: nobody is mailed.
	AccessCode bool   `json:"accessCode,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// Link is the claim link to hand over when nothing mails it (no SMTP);
	// only the CLI shows it (stdout), the API's answer leaves it out.
	Link string `json:"-"`
}

// InviteAccount invites one account, in its own transaction, with message
// (plain text, escaped in the mail). With dryRun it only says what it would do.
func (s *Service) InviteAccount(ctx context.Context, actor, accountID, message string, dryRun bool) (InviteResult, error) {
	r := InviteResult{AccountID: accountID, Value: accountID}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := tx.LockAccount(ctx, accountID)
		if errors.Is(err, store.ErrNotFound) {
			r.Outcome, r.Reason = NotFound, "no such account"
			return nil
		}
		if err != nil {
			return err
		}
		r.Outcome, r.Reason = invitable(a)
		r.AccessCode = r.Outcome == Invited && a.Email == "" // inviteTx issues a code
		if r.Outcome != Invited || dryRun {
			return nil
		}
		var in *store.Integration
		if a.IntegrationID != nil {
			if in, err = tx.IntegrationByID(ctx, *a.IntegrationID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		r.Link, err = s.inviteTx(ctx, tx, actor, a, in, message)
		if errors.Is(err, ErrAlreadyInvited) {
			r.Outcome, r.Reason = AlreadyInvited, "an invitation is already open"
			return nil
		}
		return err
	})
	if err != nil {
		return r, fmt.Errorf("invite: account %s: %w", accountID, err)
	}
	return r, nil
}

// invitable says whether account a may be invited now, and if not why.
func invitable(a *store.Account) (Outcome, string) {
	switch {
	case a.Status == store.StatusNotInvited && a.Active:
		return Invited, ""
	case a.Status == store.StatusInvited, a.Status == store.StatusPendingApproval:
		return AlreadyInvited, "an invitation or access code is already open; use resend"
	case a.Status == store.StatusActive:
		return AlreadyInvited, "the account is already claimed"
	case !a.Active || a.Status == store.StatusSuspended:
		return Invalid, "the account is suspended"
	}
	return Invalid, "the account is " + a.Status
}

// InviteAccounts invites each account of ids on its own (one bad id never
// blocks the others) and reports per account.
func (s *Service) InviteAccounts(ctx context.Context, actor string, ids []string, message string) ([]InviteResult, error) {
	out := make([]InviteResult, 0, len(ids))
	for _, id := range ids {
		r, err := s.InviteAccount(ctx, actor, id, message, false)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}
