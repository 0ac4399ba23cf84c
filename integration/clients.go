package integration

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/provisiond/provisiond/backchannel"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// ClientSecretPrefix marks OIDC client secrets for scanners and admins.
const ClientSecretPrefix = "pvc_"

// ClientInput is a write of an OIDC client (the application whose users
// sign in through signin/); on UpdateClient, nil fields keep their value.
type ClientInput struct {
	Name           *string
	RedirectURIs   []string
	PostLogoutURIs []string
	// BackchannelLogoutURI receives logout tokens when an account loses its
	// trust ("" removes it); checked against the egress policy
	// (backchannel.CheckURI).
	BackchannelLogoutURI *string
	// BackchannelLogoutSessionRequired: the client wants a sid in every
	// logout token (none is sent when no session of ours is known).
	BackchannelLogoutSessionRequired *bool
	Public                           bool // CreateClient only: no secret, PKCE required
	Disabled                         *bool
}

// CreateClient registers an application and returns it with its secret
// (empty for a public client), shown this once; stored as SHA-256 only.
func (s *Service) CreateClient(ctx context.Context, actor string, in ClientInput) (*store.OIDCClient, string, error) {
	switch {
	case in.Name == nil:
		return nil, "", invalid("name", "required")
	case in.RedirectURIs == nil:
		return nil, "", invalid("redirectUris", "must hold at least one redirect URI")
	}
	if err := s.checkBackchannel(ctx, &in); err != nil {
		return nil, "", err
	}
	c := &store.OIDCClient{}
	if err := applyClient(c, in); err != nil {
		return nil, "", err
	}
	var sec string
	if !in.Public {
		sec, c.SecretHash = newClientSecret()
	}
	err := s.write(ctx, "create client", func(tx *store.Store) error {
		if err := tx.CreateOIDCClient(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "oidc_client.created", "oidc_client", c.ID,
			map[string]any{"name": c.Name, "public": in.Public, "backchannelLogoutUri": c.BackchannelLogoutURI})
	})
	if err != nil {
		return nil, "", err
	}
	return c, sec, nil
}

// UpdateClient changes a client (disabling it is Disabled); with rotate it
// also gets a new secret, returned once (a public client stays public and
// gets none).
func (s *Service) UpdateClient(ctx context.Context, actor, id string, in ClientInput, rotate bool) (*store.OIDCClient, string, error) {
	if err := s.checkBackchannel(ctx, &in); err != nil {
		return nil, "", err
	}
	var sec string
	var out *store.OIDCClient
	err := s.write(ctx, "update client "+id, func(tx *store.Store) error {
		c, err := tx.UpdateOIDCClient(ctx, id, func(c *store.OIDCClient) error {
			if rotate && c.SecretHash != "" {
				sec, c.SecretHash = newClientSecret()
			}
			return applyClient(c, in)
		})
		if err != nil {
			return err
		}
		out = c
		return tx.Audit(ctx, actor, "oidc_client.updated", "oidc_client", id,
			map[string]any{"name": c.Name, "secretRotated": sec != "", "disabled": c.Disabled,
				"backchannelLogoutUri": c.BackchannelLogoutURI})
	})
	if err != nil {
		return nil, "", err
	}
	return out, sec, nil
}

// DeleteClient removes a client, its pending requests and its tokens.
func (s *Service) DeleteClient(ctx context.Context, actor, id string) error {
	return s.write(ctx, "delete client "+id, func(tx *store.Store) error {
		if err := tx.DeleteOIDCClient(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "oidc_client.deleted", "oidc_client", id, nil)
	})
}

// newClientSecret returns a fresh client secret and its hash.
func newClientSecret() (sec, hash string) {
	sec = ClientSecretPrefix + secret.NewToken()
	return sec, secret.TokenHash(sec)
}

func applyClient(c *store.OIDCClient, in ClientInput) error {
	if in.Name != nil {
		if n := strings.TrimSpace(*in.Name); n == "" || len(n) > 200 {
			return invalid("name", "must be 1 to 200 characters")
		}
		c.Name = strings.TrimSpace(*in.Name)
	}
	if in.RedirectURIs != nil {
		if len(in.RedirectURIs) == 0 {
			return invalid("redirectUris", "must hold at least one redirect URI")
		}
		b, err := checkURIs("redirectUris", in.RedirectURIs)
		if err != nil {
			return err
		}
		c.RedirectURIs = b
	}
	if in.PostLogoutURIs != nil {
		b, err := checkURIs("postLogoutRedirectUris", in.PostLogoutURIs)
		if err != nil {
			return err
		}
		c.PostLogoutURIs = b
	}
	if in.BackchannelLogoutURI != nil {
		c.BackchannelLogoutURI = *in.BackchannelLogoutURI
	}
	if in.BackchannelLogoutSessionRequired != nil {
		c.BackchannelLogoutSessionRequired = *in.BackchannelLogoutSessionRequired
	}
	if in.Disabled != nil {
		c.Disabled = *in.Disabled
	}
	return nil
}

// checkBackchannel validates and cleans in's back-channel logout URI
// before any transaction opens (it may resolve the host): an admin must
// not make the server post to an internal address (backchannel.CheckURI).
func (s *Service) checkBackchannel(ctx context.Context, in *ClientInput) error {
	if in.BackchannelLogoutURI == nil {
		return nil
	}
	u, err := backchannel.CheckURI(ctx, s.Egress, "backchannelLogoutUri", *in.BackchannelLogoutURI)
	if err != nil {
		return err
	}
	in.BackchannelLogoutURI = &u
	return nil
}

// checkURIs requires absolute URIs without fragments (RFC 6749 3.1.2) and
// returns them as the JSON array stored (signin.ClientURIs reads it).
func checkURIs(field string, uris []string) (string, error) {
	for _, u := range uris {
		p, err := url.Parse(u)
		if err != nil || p.Scheme == "" || (p.Host == "" && p.Opaque == "") || p.Fragment != "" || strings.Contains(u, "#") {
			return "", invalid(field, "%q is not an absolute URI without fragment", u)
		}
	}
	b, _ := json.Marshal(uris)
	return string(b), nil
}
