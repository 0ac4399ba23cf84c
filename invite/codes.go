package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// AccessCode is a revealed code, grouped XXXX-XXXX-XXXX-XXXX.
type AccessCode struct {
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// issueCodeTx gives a (which has no email) an access code unless it has a
// live one already (an IdP retry, a re-activation): then it is
// ErrAlreadyInvited, like a second invitation.
func (s *Service) issueCodeTx(ctx context.Context, tx *store.Store, actor string, a *store.Account) (AccessCode, error) {
	if _, err := tx.LockLiveAccessCode(ctx, a.ID); err == nil {
		return AccessCode{}, ErrAlreadyInvited
	} else if !errors.Is(err, store.ErrNotFound) {
		return AccessCode{}, fmt.Errorf("invite: %w", err)
	}
	return s.newCodeTx(ctx, tx, actor, a, "access_code.issued")
}

// newCodeTx creates a code for a, sealed under the account id, and moves a
// not_invited account to invited.
func (s *Service) newCodeTx(ctx context.Context, tx *store.Store, actor string, a *store.Account, action string) (AccessCode, error) {
	raw := secret.NewAccessCode()
	sealed, err := s.Keys.Seal([]byte(raw), codeAAD(a.ID))
	if err != nil {
		return AccessCode{}, fmt.Errorf("invite: seal access code: %w", err)
	}
	c := &store.AccessCode{AccountID: a.ID, CodeHMAC: s.Keys.HMAC(secret.PurposeAccessCode, raw),
		CodeSealed: sealed, ExpiresAt: now().Add(s.Config.AccessCodeTTL)}
	if err := tx.CreateAccessCode(ctx, c); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return AccessCode{}, ErrAlreadyInvited
		}
		return AccessCode{}, fmt.Errorf("invite: %w", err)
	}
	if err := s.markInvitedBy(ctx, tx, actor, a); err != nil {
		return AccessCode{}, err
	}
	if err := tx.Audit(ctx, actor, action, "account", a.ID, map[string]any{"codeId": c.ID, "expiresAt": c.ExpiresAt}); err != nil {
		return AccessCode{}, fmt.Errorf("invite: %w", err)
	}
	return AccessCode{Code: secret.FormatAccessCode(raw), ExpiresAt: c.ExpiresAt}, nil
}

func codeAAD(accountID string) string { return "access-code:" + accountID }

// RevealAccessCode returns the account's live code, and audits that an admin saw it.
func (s *Service) RevealAccessCode(ctx context.Context, actor, accountID string) (AccessCode, error) {
	var out AccessCode
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.LockLiveAccessCode(ctx, accountID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !c.ExpiresAt.After(now())) {
			return ErrNoCode
		}
		if err != nil {
			return err
		}
		if out, err = s.openCode(c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "access_code.revealed", "account", accountID, map[string]any{"codeId": c.ID})
	})
	if err != nil {
		return AccessCode{}, fmt.Errorf("invite: reveal access code: %w", err)
	}
	return out, nil
}

func (s *Service) openCode(c *store.AccessCode) (AccessCode, error) {
	raw, err := s.Keys.Open(c.CodeSealed, codeAAD(c.AccountID))
	if err != nil {
		return AccessCode{}, fmt.Errorf("invite: open access code %s: %w", c.ID, err)
	}
	return AccessCode{Code: secret.FormatAccessCode(string(raw)), ExpiresAt: c.ExpiresAt}, nil
}

// RegenerateAccessCode revokes the account's code (the old one dies) and
// issues a new one, whether or not the account has an email.
func (s *Service) RegenerateAccessCode(ctx context.Context, actor, accountID string) (AccessCode, error) {
	var out AccessCode
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := tx.LockAccount(ctx, accountID)
		if err != nil {
			return notFound(err)
		}
		if !a.Active || a.ClaimedAt != nil {
			return ErrNotInvitable
		}
		if _, err := tx.RevokeAccessCodes(ctx, a.ID); err != nil {
			return err
		}
		out, err = s.newCodeTx(ctx, tx, actor, a, "access_code.regenerated")
		return err
	})
	if err != nil {
		return AccessCode{}, fmt.Errorf("invite: regenerate access code: %w", err)
	}
	return out, nil
}
