package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// Outcome says what an invite request did to one account.
type Outcome string

// Outcomes, as the import report names them (README: invite --file).
const (
	Invited        Outcome = "invited" // invitation created, or access code issued
	AlreadyInvited Outcome = "already_invited"
	NotFound       Outcome = "not_found"
	Invalid        Outcome = "invalid"
)

// inviteTx invites account a inside tx: an invitation with its delivery job
// when a has an email, an access code otherwise. in (may be nil) gives the
// invite delay. It returns ErrAlreadyInvited when an invitation is open.
// Without mail it returns the claim link an admin must hand over (shownLink).
func (s *Service) inviteTx(ctx context.Context, tx *store.Store, actor string, a *store.Account, in *store.Integration, message string) (string, error) {
	if a.Email == "" {
		_, err := s.issueCodeTx(ctx, tx, actor, a)
		return "", err
	}
	inv, token := s.newInvitation(ctx, actor, a, in, message)
	if err := tx.CreateInvitation(ctx, inv); err != nil {
		if errors.Is(err, store.ErrAlreadyInvited) {
			return "", ErrAlreadyInvited
		}
		return "", fmt.Errorf("invite: %w", err)
	}
	if err := s.markInvitedBy(ctx, tx, actor, a); err != nil {
		return "", err
	}
	if err := tx.Audit(ctx, actor, "invitation.created", "invitation", inv.ID, map[string]any{
		"accountId": a.ID, "delivery": inv.Delivery, "method": inv.Method, "notBefore": inv.NotBefore}); err != nil {
		return "", fmt.Errorf("invite: %w", err)
	}
	return s.shownLink(inv, token), s.enqueue(ctx, tx, inv, token)
}

// shownLink is the claim link of inv when nothing mails it (no SMTP, link
// method): the admin hands it over. "" otherwise.
func (s *Service) shownLink(inv *store.Invitation, token string) string {
	if s.MailEnabled() || inv.Method == MethodCode {
		return ""
	}
	return s.ClaimLink(token)
}

// markInvited moves a not_invited account to invited, keeping a in step.
func (s *Service) markInvited(ctx context.Context, tx *store.Store, a *store.Account) error {
	return s.markInvitedBy(ctx, tx, "system", a)
}

// markInvitedBy is markInvited naming the actor; it tells webhooks
// (account.invited) in the same transaction.
func (s *Service) markInvitedBy(ctx context.Context, tx *store.Store, actor string, a *store.Account) error {
	if a.Status != store.StatusNotInvited {
		return nil
	}
	if err := tx.SetAccountStatus(ctx, a.ID, store.StatusInvited); err != nil {
		return fmt.Errorf("invite: account status: %w", err)
	}
	a.Status = store.StatusInvited
	a.Version++
	return webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountInvited, a, actor))
}

// newInvitation builds a sent invitation and its secret (a claim token, or
// a one-time code when the method is code). The planned expiry counts from
// the planned send; delivery resets it on the first send.
func (s *Service) newInvitation(ctx context.Context, actor string, a *store.Account, in *store.Integration, message string) (*store.Invitation, string) {
	t := now()
	notBefore := t
	if in != nil && in.InviteDelaySeconds > 0 {
		notBefore = t.Add(time.Duration(in.InviteDelaySeconds) * time.Second)
	}
	exp := notBefore.Add(s.Config.InviteTTL)
	inv := &store.Invitation{
		ID: store.NewID(), AccountID: a.ID, IntegrationID: a.IntegrationID, Status: store.InvitationSent,
		Delivery: store.DeliveryQueued, Method: s.methodFor(in), Email: a.Email, Message: message,
		NotBefore: &notBefore, ExpiresAt: &exp, CreatedBy: actor, CreatedAt: t,
	}
	raw := s.newSecret(inv)
	if !s.MailEnabled() {
		// The link is "sent" when an admin can fetch it: now.
		inv.Delivery, inv.FirstSentAt = store.DeliveryNotSent, &t
		exp = t.Add(s.Config.InviteTTL)
		inv.ExpiresAt = &exp
	}
	return inv, raw
}

// enqueue inserts inv's delivery job in tx, or, without SMTP, logs the link
// when allowed (Config.LogLinks).
func (s *Service) enqueue(ctx context.Context, tx *store.Store, inv *store.Invitation, token string) error {
	if !s.MailEnabled() {
		s.logLink(ctx, inv, token)
		return nil
	}
	args, err := s.deliveryArgs(inv.ID, token)
	if err != nil {
		return err
	}
	if _, err := s.Jobs.InsertTx(ctx, tx.SQLTx(), args, scheduleAt(inv.NotBefore)); err != nil {
		return fmt.Errorf("invite: enqueue delivery: %w", err)
	}
	return nil
}

// logLink logs a claim link when allowed; never a code: codes are not the
// one secret the embedded default may log.
func (s *Service) logLink(ctx context.Context, inv *store.Invitation, token string) {
	if s.Config.LogLinks && inv.Method != MethodCode {
		s.Log.InfoContext(ctx, "invitation link (no SMTP configured; copy it to the person)",
			"invitation", inv.ID, "account", inv.AccountID, "link", s.ClaimLink(token))
	}
}

// deliveryArgs seals the claim token into the job's arguments, bound to the
// invitation id so it cannot be replayed into another job.
func (s *Service) deliveryArgs(invID, token string) (DeliveryArgs, error) {
	sealed, err := s.Keys.Seal([]byte(token), "invitation:"+invID)
	if err != nil {
		return DeliveryArgs{}, fmt.Errorf("invite: seal token: %w", err)
	}
	return DeliveryArgs{InvitationID: invID, Token: sealed}, nil
}

// scheduleAt delays a job until notBefore. Only a real delay sets
// ScheduledAt: River puts any scheduled job in the "scheduled" state, which
// its scheduler promotes every few seconds, so "now" would add that lag.
func scheduleAt(notBefore *time.Time) *river.InsertOpts {
	if notBefore == nil || !notBefore.After(now()) {
		return nil
	}
	return &river.InsertOpts{ScheduledAt: *notBefore}
}
