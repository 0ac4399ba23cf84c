package scim

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/provisiond/provisiond/store"
)

// jwtVerifiers caches one go-oidc provider (discovery document and key set)
// per issuer, so that only the first JWT of an issuer pays for discovery.
type jwtVerifiers struct {
	mu        sync.Mutex
	providers map[string]*oidc.Provider
}

func newJWTVerifiers() *jwtVerifiers {
	return &jwtVerifiers{providers: map[string]*oidc.Provider{}}
}

func (v *jwtVerifiers) provider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if p, ok := v.providers[issuer]; ok {
		return p, nil
	}
	// Discovery must outlive this request: the provider keeps using its
	// context to refresh keys.
	dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(oidc.ClientContext(dctx, nil), issuer)
	if err != nil {
		return nil, fmt.Errorf("scim: oidc discovery %s: %w", issuer, err)
	}
	v.providers[issuer] = p
	return p, nil
}

// byJWT authenticates a JWT bearer: its (unverified) issuer picks the
// candidate integrations; go-oidc then verifies signature, expiry, issuer
// and each candidate's audience.
func (s *Server) byJWT(ctx context.Context, token string) (*store.Integration, error) {
	iss, err := unverifiedIssuer(token)
	if err != nil {
		return nil, err
	}
	all, err := s.store.Integrations(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		in := &all[i]
		if in.Kind != "scim" || in.Disabled || in.OIDCIssuer == "" || in.OIDCAudience == "" ||
			strings.TrimSuffix(in.OIDCIssuer, "/") != strings.TrimSuffix(iss, "/") {
			continue
		}
		p, err := s.jwt.provider(ctx, in.OIDCIssuer)
		if err != nil {
			return nil, err
		}
		if _, err := p.Verifier(&oidc.Config{ClientID: in.OIDCAudience}).Verify(ctx, token); err == nil {
			return in, nil
		}
	}
	return nil, errors.New("scim: no integration accepts this jwt")
}

func unverifiedIssuer(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("scim: malformed jwt")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", fmt.Errorf("scim: jwt payload: %w", err)
	}
	var claims struct {
		Iss string `json:"iss"`
	}
	if err := json.Unmarshal(b, &claims); err != nil || claims.Iss == "" {
		return "", errors.New("scim: jwt without issuer")
	}
	return claims.Iss, nil
}
