package integration

import (
	"context"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Input is a write of an integration; on Update, nil fields keep their value.
type Input struct {
	Name               *string
	Kind               *string // Create only: "scim" (the default) or "ldap"
	AutoInvite         *bool
	InviteDelaySeconds *int // 0 .. store.MaxInviteDelay
	ReminderDays       *int // 0 (no reminder) .. store.MaxReminderDays
	RequireApproval    *bool
	Disabled           *bool   // a disabled integration's token stops working
	DeliveryMethod     *string // invite.MethodLink or invite.MethodCode
	Permissions        *[]string
	LDAP               *LDAPInput    // an LDAP integration's settings and bind password
	Breaker            *BreakerInput // Update only; audited within integration.updated
}

// Create creates an integration and, for SCIM, returns its bearer token,
// shown this once ("" for LDAP); only its hash is stored.
func (s *Service) Create(ctx context.Context, actor string, p Input) (*store.Integration, string, error) {
	if p.Name == nil {
		return nil, "", invalid("name", "required")
	}
	kind := "scim"
	if p.Kind != nil {
		kind = *p.Kind
	}
	if kind != "scim" && kind != "ldap" {
		return nil, "", invalid("kind", `must be "scim" or "ldap"`)
	}
	if kind == "ldap" && (p.LDAP == nil || p.LDAP.Config == nil) {
		return nil, "", invalid("ldapConfig", "required for an LDAP integration (the keys of the --ldap-config file)")
	}
	if p.Breaker != nil {
		return nil, "", invalid("breaker", "set it once the integration exists")
	}
	if kind == "ldap" && p.AutoInvite == nil && p.LDAP.Config.AutoInvite {
		p.AutoInvite = &p.LDAP.Config.AutoInvite // the settings' autoInvite seeds the integration's
	}
	// The id is known before the insert: a bind password is sealed to it.
	in := &store.Integration{ID: store.NewID(), Kind: kind, Permissions: permission.Default}
	details := map[string]any{"kind": kind}
	if err := apply(p, in, details); err != nil {
		return nil, "", err
	}
	cred, err := s.applyLDAP(p.LDAP, in, details)
	if err != nil {
		return nil, "", err
	}
	var token string
	if kind == "scim" {
		var hash, prefix string
		token, hash, prefix = newSCIMToken()
		in.TokenHash, in.TokenPrefix = &hash, prefix
	}
	err = s.write(ctx, "create", func(tx *store.Store) error {
		in.CreatedAt, in.UpdatedAt = store.Now(), store.Now()
		if err := tx.CreateIntegration(ctx, in); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor, "integration.created", "integration", in.ID, details); err != nil {
			return err
		}
		return auditLDAPCredentials(ctx, tx, actor, in.ID, cred)
	})
	if err != nil {
		return nil, "", err
	}
	return in, token, nil
}

// Update applies p to integration id (disabling it is Disabled); the audit
// event lists what was given.
func (s *Service) Update(ctx context.Context, actor, id string, p Input) (*store.Integration, error) {
	if p.Kind != nil {
		return nil, invalid("kind", "cannot change")
	}
	var out *store.Integration
	err := s.write(ctx, "update "+id, func(tx *store.Store) error {
		changes := map[string]any{}
		var cred map[string]any
		in, err := tx.UpdateIntegration(ctx, id, func(in *store.Integration) error {
			if err := apply(p, in, changes); err != nil {
				return err
			}
			var err error
			cred, err = s.applyLDAP(p.LDAP, in, changes)
			return err
		})
		if err != nil {
			return err
		}
		out = in
		if p.Breaker != nil {
			b, err := setBreaker(ctx, tx, in.ID, *p.Breaker)
			if err != nil {
				return err
			}
			changes["breaker"] = breakerDetails(b)
		}
		if err := tx.Audit(ctx, actor, "integration.updated", "integration", in.ID, changes); err != nil {
			return err
		}
		return auditLDAPCredentials(ctx, tx, actor, in.ID, cred)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RotateToken replaces a SCIM integration's token, returned this once; the
// old one stops working at once. The audit event carries the new token's
// display prefix as tokenPrefix (the admin API's name for it).
func (s *Service) RotateToken(ctx context.Context, actor, id string) (*store.Integration, string, error) {
	token, hash, prefix := newSCIMToken()
	var out *store.Integration
	err := s.write(ctx, "rotate token of "+id, func(tx *store.Store) error {
		in, err := tx.UpdateIntegration(ctx, id, func(in *store.Integration) error {
			if in.Kind != "scim" {
				return invalid("kind", "only SCIM integrations have a token")
			}
			in.TokenHash, in.TokenPrefix = &hash, prefix
			return nil
		})
		if err != nil {
			return err
		}
		out = in
		return tx.Audit(ctx, actor, "integration.token_rotated", "integration", in.ID, map[string]any{"tokenPrefix": prefix})
	})
	if err != nil {
		return nil, "", err
	}
	return out, token, nil
}

// Delete removes an integration; its accounts keep existing without a source.
func (s *Service) Delete(ctx context.Context, actor, id string) error {
	return s.write(ctx, "delete "+id, func(tx *store.Store) error {
		in, err := tx.IntegrationByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteIntegration(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "integration.deleted", "integration", id, map[string]any{"name": in.Name})
	})
}

// newSCIMToken returns a fresh SCIM bearer token with its hash and its
// display prefix (the first 8 characters, not secret).
func newSCIMToken() (token, hash, prefix string) {
	token = secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	return token, secret.TokenHash(token), token[:8]
}
