package invite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/provisiond/provisiond/store"
)

// LinkPatch is what an admin may change on a live multi-use link: its name,
// its cap and its expiry; nil leaves a field as it is. The token, hence the
// URL already handed out, does not change.
type LinkPatch struct {
	Name      *string
	MaxUses   *int
	ExpiresAt *time.Time
}

// UpdateLink applies p to live link id, audited as invitation_link.updated
// with the old and new values. Refusals are *store.InvalidError (name, maxUses
// below 1, above MaxLinkUses or below the sign-ups already made, expiresAt
// not in the future); a deleted link is store.ErrNotFound.
func (c *Claims) UpdateLink(ctx context.Context, actor, id string, p LinkPatch) (*store.InvitationLink, error) {
	var out *store.InvitationLink
	err := c.Store.Tx(ctx, func(tx *store.Store) error {
		l, err := tx.InvitationLinkByID(ctx, id)
		if err != nil {
			return err
		}
		old := *l
		if p.Name != nil {
			l.Name = strings.TrimSpace(*p.Name)
		}
		if p.MaxUses != nil {
			l.MaxUses = *p.MaxUses
		}
		if p.ExpiresAt != nil {
			l.ExpiresAt = *p.ExpiresAt
		}
		switch {
		case l.Name == "" || utf8.RuneCountInString(l.Name) > MaxLinkNameLength:
			return invalidInput("name", "required, at most %d characters", MaxLinkNameLength)
		case l.MaxUses < 1 || l.MaxUses > MaxLinkUses:
			return invalidInput("maxUses", "must be between 1 and %d", MaxLinkUses)
		case l.MaxUses < l.Uses:
			return invalidInput("maxUses", "cannot be below the %d sign-ups already made", l.Uses)
		case p.ExpiresAt != nil && !l.ExpiresAt.After(time.Now()):
			return invalidInput("expiresAt", "must be in the future")
		}
		err = tx.UpdateInvitationLink(ctx, id, l.Name, l.MaxUses, l.ExpiresAt)
		if errors.Is(err, store.ErrConflict) { // a sign-up came in meanwhile
			return invalidInput("maxUses", "cannot be below the sign-ups already made")
		}
		if err != nil {
			return err
		}
		out = l
		return tx.Audit(ctx, actor, "invitation_link.updated", "invitation_link", id, map[string]any{
			"name": l.Name, "maxUses": l.MaxUses, "expiresAt": l.ExpiresAt,
			"was": map[string]any{"name": old.Name, "maxUses": old.MaxUses, "expiresAt": old.ExpiresAt}})
	})
	if err != nil {
		return nil, fmt.Errorf("invite: update link %s: %w", id, err)
	}
	return out, nil
}
