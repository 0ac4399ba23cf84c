package signin

import (
	"context"
	"encoding/hex"
	"fmt"
	"github.com/provisiond/provisiond/clientip"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Defaults of Config.
const (
	DefaultAccessTokenTTL  = 15 * time.Minute
	DefaultRefreshTokenTTL = 30 * 24 * time.Hour
	DefaultKeyRotation     = 30 * 24 * time.Hour
	DefaultAuthRequestTTL  = 30 * time.Minute
	DefaultResetTTL        = time.Hour
)

// Default throttles, progressive delays rather than lockouts: past 5
// failures on an account within an hour each further one makes it wait 1 s,
// 2 s, 4 s... at most a minute (a stranger cannot lock its owner out); past
// 30 from one address, up to 15 minutes.
var (
	DefaultAccountDelay = store.DelayPolicy{Free: 5, Base: time.Second, Max: time.Minute, Window: time.Hour}
	DefaultClientDelay  = store.DelayPolicy{Free: 30, Base: time.Second, Max: 15 * time.Minute, Window: time.Hour}
)

// Config is what a Provider needs; zero durations and limits take the defaults.
type Config struct {
	Store   *store.Store
	Keys    *secret.Keys
	Log     *slog.Logger
	BaseURL string      // public URL of provisiond; the issuer is BaseURL + "/oidc"
	OrgName string      // shown on the pages and in reset mail
	AppURL  string      // where the done pages point
	Mailer  mail.Sender // nil: no mail; admins copy reset links
	Policy  password.Policy
	Clients clientip.Resolver // who the client is, for throttling

	AccessTokenTTL, RefreshTokenTTL, KeyRotation, AuthRequestTTL, ResetTTL time.Duration
	AccountDelay, ClientDelay                                              store.DelayPolicy
}

// Provider is the OpenID provider and its pages.
type Provider struct {
	Config
	op      *op.Provider
	storage *storage
	signers *keyCache
	cssURL  string
	mailWG  waitGroup
}

// New checks cfg and builds the provider.
func New(cfg Config) (*Provider, error) {
	if cfg.Store == nil || cfg.Keys == nil || cfg.BaseURL == "" {
		return nil, fmt.Errorf("signin: store, keys and base URL are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.AccessTokenTTL, DefaultAccessTokenTTL)
	def(&cfg.RefreshTokenTTL, DefaultRefreshTokenTTL)
	def(&cfg.KeyRotation, DefaultKeyRotation)
	def(&cfg.AuthRequestTTL, DefaultAuthRequestTTL)
	def(&cfg.ResetTTL, DefaultResetTTL)
	if cfg.AccountDelay.Max == 0 {
		cfg.AccountDelay = DefaultAccountDelay
	}
	if cfg.ClientDelay.Max == 0 {
		cfg.ClientDelay = DefaultClientDelay
	}
	p := &Provider{Config: cfg}
	p.signers = &keyCache{p: p}
	p.storage = &storage{p: p}
	var key [32]byte
	raw, _ := hex.DecodeString(cfg.Keys.HMAC(purposeOPCrypto, "access-token-key"))
	copy(key[:], raw)
	opCfg := &op.Config{
		CryptoKey:             key,
		CodeMethodS256:        true,
		AuthMethodPost:        true,
		GrantTypeRefreshToken: true,
		SupportedUILocales:    []language.Tag{language.English, language.French},
		SupportedScopes:       supportedScopes,
		SupportedClaims:       supportedClaims,
	}
	var opts []op.Option
	if strings.HasPrefix(cfg.BaseURL, "http://") {
		opts = append(opts, op.WithAllowInsecure())
	}
	o, err := op.NewProvider(opCfg, p.storage, op.StaticIssuer(p.Issuer()), opts...)
	if err != nil {
		return nil, fmt.Errorf("signin: openid provider: %w", err)
	}
	p.op = o
	return p, nil
}

// Issuer is the OpenID issuer URL.
func (p *Provider) Issuer() string { return p.BaseURL + "/oidc" }

// Mount registers the provider's endpoints on mux, and its pages behind
// secure (web's security headers and CSRF protection); cssURL is the
// stylesheet the pages share with the claim pages.
func (p *Provider) Mount(mux *http.ServeMux, secure func(http.Handler) http.Handler, cssURL string) {
	p.cssURL = cssURL
	mux.Handle("/oidc/", http.StripPrefix("/oidc", p.guardCallback(p.clientCredentials(hideUnserved(p.op)))))
	page := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, secure(h)) }
	page("GET /signin", p.signInPage)
	page("POST /signin", p.signInSubmit)
	page("GET /signin/forgot", p.forgotPage)
	page("POST /signin/forgot", p.forgotSubmit)
	page("GET /signin/reset/{token}", p.resetPage)
	page("POST /signin/reset/{token}", p.resetSubmit)
	page("GET /signin/password", p.passwordPage)
	page("POST /signin/password", p.passwordSubmit)
}

// Wait blocks until background reset mails are sent (tests, shutdown).
func (p *Provider) Wait(ctx context.Context) { p.mailWG.wait(ctx) }

// HMAC purposes of this package.
const (
	purposeOPCrypto     = "oidc-op-crypto"
	purposeAuthCode     = "oidc-auth-code"
	purposeRefreshToken = "oidc-refresh-token"
	purposeGrantFamily  = "oidc-grant-family"
	purposeResetToken   = "password-reset-token"
	purposeThrottle     = "signin-throttle"
)
