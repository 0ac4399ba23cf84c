package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Delivery methods of an invitation (invitations.method,
// integrations.delivery_method).
const (
	MethodLink = "link" // a claim link, {BaseURL}/invite/{token}
	MethodCode = "code" // a one-time code and its QR image, typed on {BaseURL}/code
)

// ParseMethod checks an admin's choice; "" is valid and means "the
// integration's default".
func ParseMethod(m string) (string, error) {
	switch m {
	case "", MethodLink, MethodCode:
		return m, nil
	}
	return "", fmt.Errorf("invite: delivery method %q: want %q or %q", m, MethodLink, MethodCode)
}

// WithMethod returns a copy of s whose new and resent invitations use
// method (link or code) instead of each integration's default: the admin's
// choice at invite time, honoured by every entry point of the copy (one
// account, a list, emails, invite-all, import, resend). "" returns s.
func (s *Service) WithMethod(method string) *Service {
	if method == "" {
		return s
	}
	c := *s
	c.method = method
	return &c
}

// methodFor is the method of a new invitation: the admin's choice
// (WithMethod), else the integration's default, else link.
func (s *Service) methodFor(in *store.Integration) string {
	if s.method != "" {
		return s.method
	}
	if in != nil && in.DeliveryMethod == MethodCode {
		return MethodCode
	}
	return MethodLink
}

// CodeHash is what is stored of an invitation code (invitations.code_hmac):
// the same HMAC as access codes, so /code finds both kinds with one lookup.
func (s *Service) CodeHash(raw string) string { return s.Keys.HMAC(secret.PurposeAccessCode, raw) }

// CodeAddress is where a code is typed.
func (s *Service) CodeAddress() string { return s.Config.BaseURL + "/code" }

// newSecret gives inv a fresh secret for its method, clearing the other
// kind's hash so that only the newest secret works, and returns it: a claim
// token, or a raw access-format code.
func (s *Service) newSecret(inv *store.Invitation) string {
	if inv.Method == MethodCode {
		raw := secret.NewAccessCode()
		h := s.CodeHash(raw)
		inv.CodeHMAC, inv.TokenHash, inv.TokenSealed = &h, nil, nil
		return raw
	}
	inv.Method = MethodLink
	token := s.newClaimToken()
	h := s.TokenHash(token)
	inv.TokenHash, inv.CodeHMAC = &h, nil
	inv.TokenSealed = s.sealClaimToken(inv.ID, token) // links_kept.go
	return token
}

// newClaimToken returns a new claim token: ordered (secret.NewOrderedToken)
// on SQLite, whose one process reads every token it issues; plain on
// PostgreSQL, where replicas roll: a replica of the version before, still
// running, would take an ordered token for an unknown one (410) and skip its
// mail as superseded. Every version since reads both, so the next release
// can issue ordered tokens on PostgreSQL too (docs/deploy.md).
func (s *Service) newClaimToken() string {
	if s.Store.Dialect() == store.SQLite {
		return secret.NewOrderedToken(now())
	}
	return secret.NewToken()
}

// secretHash is the stored hash matching secret for inv's method, and the
// one inv holds.
func (s *Service) secretHash(inv *store.Invitation, raw string) (got, stored string) {
	if inv.Method == MethodCode {
		if inv.CodeHMAC != nil {
			stored = *inv.CodeHMAC
		}
		return s.CodeHash(raw), stored
	}
	if inv.TokenHash != nil {
		stored = *inv.TokenHash
	}
	return s.TokenHash(raw), stored
}

// methodSource returns what newInvitation needs of a's integration in a
// batch (its delivery method, no delay: an admin's batch sends now),
// looking each integration up once per batch through cache.
func (s *Service) methodSource(ctx context.Context, tx *store.Store, cache map[string]*store.Integration, a *store.Account) (*store.Integration, error) {
	if a.IntegrationID == nil {
		return &store.Integration{}, nil // admin-created: the default method
	}
	if in, ok := cache[*a.IntegrationID]; ok {
		return in, nil
	}
	in, err := tx.IntegrationByID(ctx, *a.IntegrationID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("invite: integration of %s: %w", a.ID, err)
	}
	src := &store.Integration{}
	if in != nil {
		src = &store.Integration{ID: in.ID, DeliveryMethod: in.DeliveryMethod}
	}
	cache[*a.IntegrationID] = src
	return src, nil
}
