package signin

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/store"
)

// keyCacheTTL bounds how long a replica signs with a key after another
// replica rotated; both keys are published, so tokens verify either way.
const keyCacheTTL = time.Minute

// signingKey is one RSA key, usable both as op.SigningKey and op.Key.
type signingKey struct {
	id      string
	created time.Time
	priv    *rsa.PrivateKey
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Algorithm() jose.SignatureAlgorithm          { return jose.RS256 }
func (k *signingKey) ID() string                                  { return k.id }
func (k *signingKey) Use() string                                 { return "sig" }

// Key is the private key when signing; KeySet wraps it to publish the public half.
func (k *signingKey) Key() any { return k.priv }

type publicKey struct{ *signingKey }

func (k publicKey) Key() any { return &k.priv.PublicKey }

// keyCache holds the published keys, refreshed from the database.
type keyCache struct {
	p       *Provider
	mu      sync.Mutex
	keys    []*signingKey // newest first
	fetched time.Time
}

// current returns the published keys, generating a new signing key when the
// newest is older than KeyRotation.
func (c *keyCache) current(ctx context.Context) ([]*signingKey, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := store.Now()
	if now.Sub(c.fetched) < keyCacheTTL && len(c.keys) > 0 && now.Sub(c.keys[0].created) < c.p.KeyRotation {
		return c.keys, nil
	}
	keys, err := c.load(ctx, now)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 || now.Sub(keys[0].created) >= c.p.KeyRotation {
		k, err := c.generate(ctx, now)
		if err != nil {
			return nil, err
		}
		keys = append([]*signingKey{k}, keys...)
	}
	c.keys, c.fetched = keys, now
	return keys, nil
}

func (c *keyCache) load(ctx context.Context, now time.Time) ([]*signingKey, error) {
	rows, err := c.p.Store.SigningKeys(ctx, now)
	if err != nil {
		return nil, err
	}
	out := make([]*signingKey, 0, len(rows))
	for _, r := range rows {
		der, err := c.p.Keys.Open(r.PrivateKeySealed, "oidc-signing-key:"+r.ID)
		if err != nil {
			return nil, fmt.Errorf("signin: open signing key %s: %w", r.ID, err)
		}
		priv, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return nil, fmt.Errorf("signin: parse signing key %s: %w", r.ID, err)
		}
		rk, ok := priv.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("signin: signing key %s is not RSA", r.ID)
		}
		out = append(out, &signingKey{id: r.ID, created: r.CreatedAt, priv: rk})
	}
	return out, nil
}

func (c *keyCache) generate(ctx context.Context, now time.Time) (*signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("signin: generate signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("signin: encode signing key: %w", err)
	}
	row := &store.SigningKey{ID: store.NewID(), Algorithm: string(jose.RS256), CreatedAt: now,
		ExpiresAt: now.Add(c.p.KeyRotation + c.p.RefreshTokenTTL)}
	if row.PrivateKeySealed, err = c.p.Keys.Seal(der, "oidc-signing-key:"+row.ID); err != nil {
		return nil, err
	}
	if err := c.p.Store.CreateSigningKey(ctx, row); err != nil {
		return nil, err
	}
	c.p.Log.InfoContext(ctx, "oidc signing key generated", "kid", row.ID)
	return &signingKey{id: row.ID, created: now, priv: priv}, nil
}

func (s *storage) SigningKey(ctx context.Context) (op.SigningKey, error) {
	keys, err := s.p.signers.current(ctx)
	if err != nil {
		return nil, err
	}
	return keys[0], nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(ctx context.Context) ([]op.Key, error) {
	keys, err := s.p.signers.current(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]op.Key, len(keys))
	for i, k := range keys {
		out[i] = publicKey{k}
	}
	return out, nil
}

// RotateKeys makes the next token signing use a new key (the old ones stay
// published until they expire), for an admin who suspects a leak.
func (p *Provider) RotateKeys(ctx context.Context) error {
	p.signers.mu.Lock()
	defer p.signers.mu.Unlock()
	k, err := p.signers.generate(ctx, store.Now())
	if err != nil {
		return err
	}
	p.signers.keys = append([]*signingKey{k}, p.signers.keys...)
	p.signers.fetched = store.Now()
	return nil
}
