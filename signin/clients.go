package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// ErrInvalidClient wraps refused client input; its text is safe to show.
var ErrInvalidClient = errors.New("signin: invalid client")

// ClientSecretPrefix marks client secrets for scanners and admins.
const ClientSecretPrefix = "pvc_"

// ClientInput is what an admin sets; nil fields are unchanged on update.
type ClientInput struct {
	Name           *string
	RedirectURIs   []string
	PostLogoutURIs []string
	Public         bool // create only: no secret, PKCE required
	Disabled       *bool
}

// CreateClient registers an application and returns it with its secret
// (empty for a public client), shown this once; stored as SHA-256 only.
func CreateClient(ctx context.Context, st *store.Store, actor string, in ClientInput) (*store.OIDCClient, string, error) {
	if in.Name == nil || in.RedirectURIs == nil {
		return nil, "", fmt.Errorf("%w: name and at least one redirect URI are required", ErrInvalidClient)
	}
	c := &store.OIDCClient{}
	if err := applyClient(c, in); err != nil {
		return nil, "", err
	}
	var sec string
	if !in.Public {
		sec = ClientSecretPrefix + secret.NewToken()
		c.SecretHash = secret.TokenHash(sec)
	}
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateOIDCClient(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "oidc_client.created", "oidc_client", c.ID,
			map[string]any{"name": c.Name, "public": in.Public})
	})
	if err != nil {
		return nil, "", fmt.Errorf("signin: create client: %w", err)
	}
	return c, sec, nil
}

// UpdateClient changes a client; with rotate it also gets a new secret,
// returned once (a public client stays public).
func UpdateClient(ctx context.Context, st *store.Store, actor, id string, in ClientInput, rotate bool) (*store.OIDCClient, string, error) {
	var sec string
	var out *store.OIDCClient
	err := st.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.UpdateOIDCClient(ctx, id, func(c *store.OIDCClient) error {
			if rotate && c.SecretHash != "" {
				sec = ClientSecretPrefix + secret.NewToken()
				c.SecretHash = secret.TokenHash(sec)
			}
			return applyClient(c, in)
		})
		if err != nil {
			return err
		}
		out = c
		return tx.Audit(ctx, actor, "oidc_client.updated", "oidc_client", id,
			map[string]any{"name": c.Name, "secretRotated": sec != "", "disabled": c.Disabled})
	})
	if err != nil {
		return nil, "", fmt.Errorf("signin: update client %s: %w", id, err)
	}
	return out, sec, nil
}

// DeleteClient removes a client, its pending requests and its tokens.
func DeleteClient(ctx context.Context, st *store.Store, actor, id string) error {
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteOIDCClient(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "oidc_client.deleted", "oidc_client", id, nil)
	})
	if err != nil {
		return fmt.Errorf("signin: delete client %s: %w", id, err)
	}
	return nil
}

// ClientURIs decodes a client's redirect and post-logout URIs.
func ClientURIs(c *store.OIDCClient) (redirects, logouts []string) {
	cl := newClient(c, nil)
	return cl.redirects, cl.logouts
}

func applyClient(c *store.OIDCClient, in ClientInput) error {
	if in.Name != nil {
		if n := strings.TrimSpace(*in.Name); n == "" || len(n) > 200 {
			return fmt.Errorf("%w: name must be 1 to 200 characters", ErrInvalidClient)
		}
		c.Name = strings.TrimSpace(*in.Name)
	}
	if in.RedirectURIs != nil {
		if len(in.RedirectURIs) == 0 {
			return fmt.Errorf("%w: at least one redirect URI is required", ErrInvalidClient)
		}
		b, err := checkURIs(in.RedirectURIs)
		if err != nil {
			return err
		}
		c.RedirectURIs = b
	}
	if in.PostLogoutURIs != nil {
		b, err := checkURIs(in.PostLogoutURIs)
		if err != nil {
			return err
		}
		c.PostLogoutURIs = b
	}
	if in.Disabled != nil {
		c.Disabled = *in.Disabled
	}
	return nil
}

// checkURIs requires absolute URIs without fragments (RFC 6749 3.1.2).
func checkURIs(uris []string) (string, error) {
	for _, u := range uris {
		p, err := url.Parse(u)
		if err != nil || p.Scheme == "" || (p.Host == "" && p.Opaque == "") || p.Fragment != "" || strings.Contains(u, "#") {
			return "", fmt.Errorf("%w: %q is not an absolute URI without fragment", ErrInvalidClient, u)
		}
	}
	b, _ := json.Marshal(uris)
	return string(b), nil
}
