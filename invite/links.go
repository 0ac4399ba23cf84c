package invite

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Bounds of multi-use links.
const (
	MaxLinkNameLength = 200
	MaxLinkUses       = 100000
)

// LinkInput is what an admin gives to create a multi-use link.
type LinkInput struct {
	Name            string
	MaxUses         int
	ExpiresAt       time.Time
	RequireApproval bool
	AllowedDomains  []string // sign-ups only with an address at one of these; empty: any
}

// CreateLink creates a multi-use sign-up link and returns it with its
// absolute URL. The token is looked up by HMAC and kept sealed with the
// secret key, so that an admin can be shown the URL again (CurrentJoinURL).
func (c *Claims) CreateLink(ctx context.Context, actor string, in LinkInput) (*store.InvitationLink, string, error) {
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "" || utf8.RuneCountInString(in.Name) > MaxLinkNameLength:
		return nil, "", invalidInput("name", "required, at most %d characters", MaxLinkNameLength)
	case in.MaxUses < 1 || in.MaxUses > MaxLinkUses:
		return nil, "", invalidInput("maxUses", "must be between 1 and %d", MaxLinkUses)
	case !in.ExpiresAt.After(time.Now()):
		return nil, "", invalidInput("expiresAt", "must be in the future")
	}
	domains, err := checkDomains(in.AllowedDomains)
	if err != nil {
		return nil, "", err
	}
	token := secret.NewToken()
	id := store.NewID()
	sealed, err := c.Keys.Seal([]byte(token), "join-link:"+id)
	if err != nil {
		return nil, "", fmt.Errorf("invite: create link: %w", err)
	}
	l := &store.InvitationLink{ID: id, Name: in.Name, TokenHash: c.Keys.HMAC(secret.PurposeLinkToken, token), TokenSealed: sealed,
		MaxUses: in.MaxUses, RequireApproval: in.RequireApproval, AllowedDomains: strings.Join(domains, " "),
		ExpiresAt: in.ExpiresAt, CreatedBy: actor}
	err = c.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateInvitationLink(ctx, l); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "invitation_link.created", "invitation_link", l.ID, map[string]any{
			"name": l.Name, "maxUses": l.MaxUses, "expiresAt": l.ExpiresAt, "requireApproval": l.RequireApproval,
			"allowedDomains": domains})
	})
	if err != nil {
		return nil, "", fmt.Errorf("invite: create link: %w", err)
	}
	return l, c.JoinURL(token), nil
}

// JoinURL is the absolute address of a multi-use link's sign-up page.
func (c *Claims) JoinURL(token string) string {
	return strings.TrimSuffix(c.BaseURL, "/") + "/join/" + token
}

// Links lists the live links with their use counts.
func (c *Claims) Links(ctx context.Context, limit, offset int) ([]store.InvitationLink, int64, error) {
	ls, total, err := c.Store.InvitationLinks(ctx, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("invite: links: %w", err)
	}
	return ls, total, nil
}

// DeleteLink deletes a link, the only way to cancel it; its page answers as
// gone from then on. ErrNotFound (wrapped) when there is no such live link.
func (c *Claims) DeleteLink(ctx context.Context, actor, id string) error {
	err := c.Store.Tx(ctx, func(tx *store.Store) error {
		l, err := tx.InvitationLinkByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteInvitationLink(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "invitation_link.deleted", "invitation_link", id,
			map[string]any{"name": l.Name, "uses": l.Uses})
	})
	if err != nil {
		return fmt.Errorf("invite: delete link %s: %w", id, err)
	}
	return nil
}

// linkActor is who creates accounts through link l, in audit events.
func linkActor(l *store.InvitationLink) account.Actor {
	return account.Actor{Kind: "link", ID: l.ID, Name: l.Name}
}
