package web

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// integrationInput is the body of POST and PATCH /api/v1/integrations; on
// PATCH, absent fields keep their value.
type integrationInput struct {
	Name               *string `json:"name"`
	Kind               *string `json:"kind"`
	AutoInvite         *bool   `json:"autoInvite"`
	InviteDelaySeconds *int    `json:"inviteDelaySeconds"`
	RequireApproval    *bool   `json:"requireApproval"`
	Disabled           *bool   `json:"disabled"`
	// DeliveryMethod and Permissions: issue 13 (api_integrations_access.go).
	DeliveryMethod *string   `json:"deliveryMethod"`
	Permissions    *[]string `json:"permissions"`
	// LDAPConfig is an LDAP integration's settings in the --ldap-config
	// format (YAML, or JSON, which YAML reads too); see api_integrations_ldap.go.
	LDAPConfig *string `json:"ldapConfig"`
	// LDAPBindPassword is the bind password itself: stored sealed, never
	// returned, required again when url, bind DN or TLS settings change.
	LDAPBindPassword *string `json:"ldapBindPassword"`
}

// maxInviteDelay is store.MaxInviteDelay in seconds, as the API takes it.
var maxInviteDelay = int(store.MaxInviteDelay.Seconds())

var integrationName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$`)

// errInput is a refused request field; its message is safe to show.
type errInput struct{ field, msg string }

func (e errInput) Error() string { return e.field + ": " + e.msg }

// apply copies the given fields onto in, checking each.
func (p integrationInput) apply(in *store.Integration, changes map[string]any) error {
	if p.Name != nil {
		if !integrationName.MatchString(*p.Name) {
			return errInput{"name", "1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit"}
		}
		in.Name, changes["name"] = *p.Name, *p.Name
	}
	if p.AutoInvite != nil {
		in.AutoInvite, changes["autoInvite"] = *p.AutoInvite, *p.AutoInvite
	}
	if p.InviteDelaySeconds != nil {
		if *p.InviteDelaySeconds < 0 || *p.InviteDelaySeconds > maxInviteDelay {
			return errInput{"inviteDelaySeconds", fmt.Sprintf("must be between 0 and %d", maxInviteDelay)}
		}
		in.InviteDelaySeconds, changes["inviteDelaySeconds"] = *p.InviteDelaySeconds, *p.InviteDelaySeconds
	}
	if p.RequireApproval != nil {
		in.RequireApproval, changes["requireApproval"] = *p.RequireApproval, *p.RequireApproval
	}
	if p.Disabled != nil {
		in.Disabled, changes["disabled"] = *p.Disabled, *p.Disabled
	}
	return p.applyAccess(in, changes)
}

// newSCIMToken returns a fresh SCIM bearer token with its hash and display prefix.
func newSCIMToken() (token, hash, prefix string) {
	token = secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	return token, secret.TokenHash(token), token[:8]
}

// createIntegration creates an integration and, for SCIM, returns its token
// (shown once; "" for LDAP).
func (s *Server) createIntegration(ctx context.Context, actor string, p integrationInput) (*store.Integration, string, error) {
	if p.Name == nil {
		return nil, "", errInput{"name", "required"}
	}
	kind := "scim"
	if p.Kind != nil {
		kind = *p.Kind
	}
	if kind != "scim" && kind != "ldap" {
		return nil, "", errInput{"kind", `must be "scim" or "ldap"`}
	}
	if kind == "ldap" && (p.LDAPConfig == nil || *p.LDAPConfig == "") {
		return nil, "", errInput{"ldapConfig", "required for an LDAP integration (the keys of the --ldap-config file)"}
	}
	// The id is known before the insert: a bind password is sealed to it.
	in := &store.Integration{ID: store.NewID(), Kind: kind, Permissions: permission.Default}
	details := map[string]any{"kind": kind}
	if err := p.apply(in, details); err != nil {
		return nil, "", err
	}
	cred, err := s.applyLDAP(p, in, details)
	if err != nil {
		return nil, "", err
	}
	var token string
	if kind == "scim" {
		var hash, prefix string
		token, hash, prefix = newSCIMToken()
		in.TokenHash, in.TokenPrefix = &hash, prefix
	}
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
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
		return nil, "", fmt.Errorf("web: create integration: %w", err)
	}
	return in, token, nil
}

// updateIntegration applies p to integration id.
func (s *Server) updateIntegration(ctx context.Context, actor, id string, p integrationInput) (*store.Integration, error) {
	if p.Kind != nil {
		return nil, errInput{"kind", "cannot change"}
	}
	var out *store.Integration
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		changes := map[string]any{}
		var cred map[string]any
		in, err := tx.UpdateIntegration(ctx, id, func(in *store.Integration) error {
			if err := p.apply(in, changes); err != nil {
				return err
			}
			var err error
			cred, err = s.applyLDAP(p, in, changes)
			return err
		})
		if err != nil {
			return err
		}
		out = in
		if err := tx.Audit(ctx, actor, "integration.updated", "integration", in.ID, changes); err != nil {
			return err
		}
		return auditLDAPCredentials(ctx, tx, actor, in.ID, cred)
	})
	return out, err
}

// rotateIntegrationToken replaces a SCIM integration's token; the old one dies at once.
func (s *Server) rotateIntegrationToken(ctx context.Context, actor, id string) (*store.Integration, string, error) {
	token, hash, prefix := newSCIMToken()
	var out *store.Integration
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		in, err := tx.UpdateIntegration(ctx, id, func(in *store.Integration) error {
			if in.Kind != "scim" {
				return errInput{"kind", "only SCIM integrations have a token"}
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

// deleteIntegration removes an integration; its accounts keep existing without a source.
func (s *Server) deleteIntegration(ctx context.Context, actor, id string) error {
	return s.Store.Tx(ctx, func(tx *store.Store) error {
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

// isInput reports whether err is a refused field, for a 400.
func isInput(err error) (errInput, bool) {
	var e errInput
	return e, errors.As(err, &e)
}
