package invite

// Claims, sign-ups and code redemption: the public side of invitations.
//
//	GET  /invite/{token}  Claims.Inspect   never consumes (mail scanners open links)
//	POST /invite/{token}  Claims.Claim     sent -> accepted | needs_approval, single use
//	POST /join/{token}    Claims.SignUp    link uses+1 (capped), new account, link actor;
//	                                       a confirmation mailed (a claim link) or an admin's approval
//	POST /code            Claims.CheckCode then Claims.RedeemCode, throttled in the DB
//
// Every way a token or code can be unusable (unknown, expired, used, canceled,
// exhausted, deleted) is the one error ErrGone, found with the same work, so
// callers answer them alike and reveal nothing about accounts.

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// ErrGone means a token, link or code cannot be used, for whatever reason.
var ErrGone = errors.New("invite: gone")

// ErrThrottled means too many failed attempts: the code or client is locked out for a while.
var ErrThrottled = errors.New("invite: too many attempts")

// ErrInvalidInput wraps a sign-up field that is missing or malformed, and a
// refused link setting (with a *store.InvalidError in the chain, whose text
// is safe to show).
var ErrInvalidInput = errors.New("invite: invalid input")

// invalidInput is a refused field: errors.Is(err, ErrInvalidInput) holds and
// errors.As finds its *store.InvalidError.
func invalidInput(field, format string, args ...any) error {
	return fmt.Errorf("%w: %w", ErrInvalidInput, store.Invalid(field, format, args...))
}

// Default brute-force limits of /code (per typed code, per client address).
var (
	DefaultCodeLimit   = store.AttemptLimit{Max: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	DefaultClientLimit = store.AttemptLimit{Max: 20, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
)

// Claims runs claims, sign-ups and access-code redemption. Fields are set by
// the wiring (cmd/provisiond, or web.Server from its own fields).
type Claims struct {
	Store  *store.Store
	Keys   *secret.Keys
	Log    *slog.Logger
	Mailer mail.Sender // nil: no registration notices
	// Invites mails sign-up confirmations; nil or without SMTP, sign-ups
	// wait for an admin's approval instead.
	Invites *Service

	BaseURL            string          // links are built from it, never from the Host header
	OrgName            string          // shown in notices
	RegistrationNotify string          // address told of every registration; empty: none
	ApprovalTTL        time.Duration   // how long a claim waits for approval (from creation)
	Policy             password.Policy // password rules
	CodeLimit          store.AttemptLimit
	ClientLimit        store.AttemptLimit
}

// Result says where a successful claim, sign-up or redemption left the account.
type Result struct {
	AccountID string
	Status    string // store.StatusActive or store.StatusPendingApproval
	Lang      string // the account's language, for the page that follows
	UserName  string // RedeemCode: the account, also set with a password policy error
}

// Pending reports whether the account waits for an admin's approval.
func (r Result) Pending() bool { return r.Status == store.StatusPendingApproval }

// AwaitsConfirmation reports whether a sign-up waits for the person to open
// the confirmation mailed to the address.
func (r Result) AwaitsConfirmation() bool { return r.Status == store.StatusInvited }

// gone wraps why something is unusable (for logs) into ErrGone.
func gone(reason string) error { return errors.Join(ErrGone, errors.New("invite: "+reason)) }

func (c *Claims) log() *slog.Logger {
	if c.Log == nil {
		return slog.Default()
	}
	return c.Log
}

func (c *Claims) approvalExpiry(created time.Time) *time.Time {
	ttl := c.ApprovalTTL
	if ttl <= 0 {
		ttl = 60 * 24 * time.Hour
	}
	t := created.Add(ttl).UTC()
	return &t
}

func limitOr(l, def store.AttemptLimit) store.AttemptLimit {
	if l.Max <= 0 {
		return def
	}
	return l
}

// PasswordBounds returns the shortest and longest password the policy
// accepts, for form hints (password.Policy.Bounds).
func (c *Claims) PasswordBounds() (lo, hi int) { return c.Policy.Bounds() }
