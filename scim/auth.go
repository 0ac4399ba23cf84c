package scim

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// authenticate finds the integration behind the bearer credential: an
// opaque token looked up by its SHA-256, an access token of our own OpenID
// provider's client credentials grant (oauth.go), or else a JWT from the
// issuer and audience an integration is configured with. It answers 401
// itself.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*store.Integration, bool) {
	token, ok := bearer(r)
	if ok {
		in, err := s.byToken(r.Context(), token)
		if err == nil {
			return in, true
		}
		if !errors.Is(err, store.ErrNotFound) {
			s.fail(w, r, fmt.Errorf("scim: auth lookup: %w", err)) // 503 while the database is away
			return nil, false
		}
		if strings.Count(token, ".") == 2 && s.ours(token) {
			in, err := s.byOAuth(r.Context(), token)
			if err == nil {
				return in, true
			}
			if !isRefused(err) {
				s.fail(w, r, fmt.Errorf("scim: oauth token: %w", err))
				return nil, false
			}
			s.log.InfoContext(r.Context(), "scim oauth token refused", "err", err)
		} else if strings.Count(token, ".") == 2 {
			if in, err := s.byJWT(r.Context(), token); err == nil {
				return in, true
			} else {
				s.log.InfoContext(r.Context(), "scim jwt refused", "err", err)
			}
		}
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="scim"`)
	writeError(w, http.StatusUnauthorized, "", detailUnauthHTTP)
	return nil, false
}

func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

func (s *Server) byToken(ctx context.Context, token string) (*store.Integration, error) {
	hash := secret.TokenHash(token)
	in, err := s.store.IntegrationByTokenHash(ctx, hash)
	if err != nil {
		return nil, err
	}
	// The lookup is by index; compare again in constant time so that a
	// database collation or trailing-space quirk can never let a near miss in.
	if in.TokenHash == nil || !secret.Equal(*in.TokenHash, hash) || in.Kind != "scim" || in.Disabled {
		return nil, store.ErrNotFound
	}
	return in, nil
}

type integrationCtxKey struct{}

func withIntegration(ctx context.Context, in *store.Integration) context.Context {
	return context.WithValue(ctx, integrationCtxKey{}, in)
}

// integrationFrom returns the authenticated integration of a request
// (always set inside handlers).
func integrationFrom(ctx context.Context) *store.Integration {
	in, _ := ctx.Value(integrationCtxKey{}).(*store.Integration)
	return in
}

// actorFrom is the audit actor of a request: the calling integration.
func actorFrom(ctx context.Context) account.Actor {
	in := integrationFrom(ctx)
	if in == nil {
		return account.Actor{Kind: "integration"}
	}
	return account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
}
