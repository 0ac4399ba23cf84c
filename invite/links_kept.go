package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/store"
)

// ErrLinkNotKept means an invitation has no link to show again: it is
// delivered by code, or it was sent before links were kept. Regenerating
// (Link) gives it one.
var ErrLinkNotKept = errors.New("invite: this invitation's link was not kept; regenerate it")

// sealClaimToken seals a claim token for invitation id. Sealing cannot fail
// but for the system's random source; the link then can only be
// regenerated, which is what it was before links were kept.
func (s *Service) sealClaimToken(id, token string) []byte {
	sealed, err := s.Keys.Seal([]byte(token), "claim-link:"+id)
	if err != nil {
		return nil
	}
	return sealed
}

// keptToken opens inv's sealed claim token, or returns ErrLinkNotKept.
func (s *Service) keptToken(inv *store.Invitation) (string, error) {
	if inv.Method == MethodCode || len(inv.TokenSealed) == 0 {
		return "", ErrLinkNotKept
	}
	raw, err := s.Keys.Open(inv.TokenSealed, "claim-link:"+inv.ID)
	if err != nil {
		return "", ErrLinkNotKept // sealed under another secret key
	}
	return string(raw), nil
}

// CurrentLink returns the claim link a sent invitation's owner already
// holds, without changing it (links people hold keep
// working), audited as invitation.link_viewed. An expired invitation is
// ErrExpired; a code invitation or an older one without a kept link is
// ErrLinkNotKept. When the invitation was not sent yet (a delay), showing
// the link is its first send: its 30 days start now, as with Link.
func (s *Service) CurrentLink(ctx context.Context, actor, id string) (string, time.Time, error) {
	var link string
	var exp time.Time
	err := s.transition(ctx, id, []string{store.InvitationSent}, func(tx *store.Store, inv *store.Invitation) error {
		if expired(inv) {
			return ErrExpired
		}
		token, err := s.keptToken(inv)
		if err != nil {
			return err
		}
		link, exp, err = s.handOver(ctx, tx, actor, inv, token, "invitation.link_viewed", false)
		return err
	})
	return link, exp, wrap("show link", id, err)
}

// resendToken is the token a resend mails: the one the owner already holds
// when it was kept and the method stays, so that Resend never kills a link
// in someone's inbox; a new one otherwise.
func (s *Service) resendToken(ctx context.Context, tx *store.Store, inv *store.Invitation, switched bool) (string, error) {
	if !switched {
		if token, err := s.keptToken(inv); err == nil {
			if expired(inv) {
				return "", ErrExpired
			}
			return token, nil
		}
	}
	return s.renewToken(ctx, tx, inv)
}

// CurrentJoinURL returns a live multi-use link's URL again, audited as
// invitation_link.url_viewed. A deleted or expired link is
// store.ErrNotFound; one created before links were kept is ErrLinkNotKept.
func (c *Claims) CurrentJoinURL(ctx context.Context, actor, id string) (string, error) {
	var url string
	err := c.Store.Tx(ctx, func(tx *store.Store) error {
		l, err := tx.InvitationLinkByID(ctx, id)
		if err != nil {
			return err
		}
		if l.DeletedAt != nil || !l.ExpiresAt.After(time.Now()) {
			return store.ErrNotFound
		}
		if len(l.TokenSealed) == 0 {
			return ErrLinkNotKept
		}
		raw, err := c.Keys.Open(l.TokenSealed, "join-link:"+l.ID)
		if err != nil {
			return ErrLinkNotKept
		}
		url = c.JoinURL(string(raw))
		return tx.Audit(ctx, actor, "invitation_link.url_viewed", "invitation_link", l.ID, map[string]any{"name": l.Name})
	})
	if err != nil {
		return "", fmt.Errorf("invite: link url %s: %w", id, err)
	}
	return url, nil
}

// handOver records that an admin now holds inv's link token (the first
// send, when inv was not sent yet: its expiry runs from now), saves inv when
// anything changed, audits action and returns the link and its expiry.
func (s *Service) handOver(ctx context.Context, tx *store.Store, actor string, inv *store.Invitation, token, action string, changed bool) (string, time.Time, error) {
	if inv.FirstSentAt == nil {
		t := now()
		inv.FirstSentAt, inv.ExpiresAt, changed = &t, ptr(t.Add(s.Config.InviteTTL)), true
	}
	if changed {
		if err := tx.SaveInvitation(ctx, inv); err != nil {
			return "", time.Time{}, err
		}
	}
	err := tx.Audit(ctx, actor, action, "invitation", inv.ID, map[string]any{"accountId": inv.AccountID})
	return s.ClaimLink(token), *inv.ExpiresAt, err
}
