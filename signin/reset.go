package signin

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// ErrCannotSignIn means the account is not claimed and active: it needs an
// invitation, not a password reset.
var ErrCannotSignIn = errors.New("signin: the account cannot sign in")

// ResetLink is a password reset link, shown once to an admin or mailed.
type ResetLink struct {
	URL       string
	ExpiresAt time.Time
	Emailed   bool // a copy went to the account's address
}

// IssueResetLink is an admin's password reset (API, CLI): it creates a
// reset token for account id (audited as actor) and returns its link, and
// ends every session of the account at once, in the same transaction: an
// admin resets a password that someone else may know. With mailTo and a
// mailer the link is also mailed, after the transaction, in the background.
func (p *Provider) IssueResetLink(ctx context.Context, actor, id string, mailTo bool) (*ResetLink, error) {
	return p.issueReset(ctx, actor, id, mailTo, true)
}

// issueReset creates a reset link; endSessions also ends the account's
// sessions. "Forgot password?" does not: anyone may ask it for anyone, and
// the sessions end when the new password is set (resetSubmit).
func (p *Provider) issueReset(ctx context.Context, actor, id string, mailTo, endSessions bool) (*ResetLink, error) {
	var a *store.Account
	token := secret.NewToken()
	link := &ResetLink{URL: p.BaseURL + "/signin/reset/" + url.PathEscape(token),
		ExpiresAt: store.Now().Add(p.ResetTTL)}
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		var err error
		if a, err = tx.LockAccount(ctx, id); err != nil {
			return err
		}
		if !CanSignIn(a) {
			return ErrCannotSignIn
		}
		r := &store.PasswordReset{AccountID: a.ID, TokenHMAC: p.Keys.HMAC(purposeResetToken, token),
			Email: a.Email, CreatedBy: actor, ExpiresAt: link.ExpiresAt}
		if err := tx.CreatePasswordReset(ctx, r); err != nil {
			return err
		}
		if endSessions {
			if _, err := tx.EndSignInSessions(ctx, a.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, actor, "account.password_reset_issued", "account", a.ID,
			map[string]any{"resetId": r.ID, "expiresAt": link.ExpiresAt, "sessionsEnded": endSessions})
	})
	if err != nil {
		return nil, fmt.Errorf("signin: reset link for %s: %w", id, err)
	}
	if mailTo && p.Mailer != nil && a.Email != "" {
		link.Emailed = true
		p.mailReset(ctx, a, link)
	}
	return link, nil
}

// mailReset sends the reset mail in the background: the forgot page must
// answer as fast for a known address as for an unknown one.
func (p *Provider) mailReset(ctx context.Context, a *store.Account, link *ResetLink) {
	lang := ui.Pick(a.PreferredLanguage, a.Locale)
	msg, err := mail.Render(mail.KindPasswordReset, lang, mail.Data{OrgName: p.OrgName,
		RecipientName: displayName(a), Link: link.URL, ExpiresAt: link.ExpiresAt})
	if err != nil {
		p.Log.ErrorContext(ctx, "render reset mail", "account", a.ID, "err", err)
		return
	}
	out := mail.Outgoing{To: a.Email, ToName: a.DisplayName, Message: msg}
	p.mailWG.run(func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := p.Mailer.Send(sctx, out); err != nil {
			p.Log.WarnContext(sctx, "reset mail not sent", "account", a.ID, "err", err)
			return
		}
		p.Log.InfoContext(sctx, "reset mail sent", "account", a.ID)
	})
}

// resetByToken returns the open reset of token and its account, issued for
// the address the account still has.
func (p *Provider) resetByToken(ctx context.Context, token string) (*store.PasswordReset, *store.Account, error) {
	r, err := p.Store.PasswordResetByHMAC(ctx, p.Keys.HMAC(purposeResetToken, token))
	if err != nil {
		return nil, nil, err
	}
	a, err := p.Store.AccountByID(ctx, r.AccountID)
	if err != nil {
		return nil, nil, err
	}
	// A reset belongs to the address it was issued for: once the account
	// has another one, the old mailbox's link opens nothing.
	if !CanSignIn(a) || !strings.EqualFold(r.Email, a.Email) {
		return nil, nil, store.ErrNotFound
	}
	return r, a, nil
}

// waitGroup tracks background mail.
type waitGroup struct{ wg sync.WaitGroup }

func (w *waitGroup) run(fn func()) { w.wg.Go(fn) }

func (w *waitGroup) wait(ctx context.Context) {
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}
