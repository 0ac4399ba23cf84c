package web

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/provisiond/provisiond/clientip"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// Server holds the dependencies of every HTTP handler. Fields are set once by
// cmd/provisiond before Handler is called.
type Server struct {
	Config   *config.Config
	Store    *store.Store
	Accounts *account.Service
	Keys     *secret.Keys
	// Directory runs LDAP syncs and writes LDAP settings; nil: built from
	// Accounts and Keys with an empty allow-list (tests).
	Directory *directory.Service
	Invites   *invite.Service // invitations and access codes
	Claims    *invite.Claims  // claim, sign-up and code pages; nil: built from the fields above
	// Integrations writes integrations, admins and OIDC clients; nil: built
	// from the fields above.
	Integrations *integration.Service
	SCIM         http.Handler     // nil: /scim/v2 answers 401
	SignIn       *signin.Provider // OpenID provider and sign-in pages; nil: not mounted
	Log          *slog.Logger
	Registry     *prometheus.Registry

	// Console login (web/auth*.go). Zero durations take the defaults.
	SessionIdle   time.Duration // a session ends after this long without a request
	SessionMaxAge time.Duration // and this long after login, whatever the activity
	OIDCClient    *http.Client  // for the OpenID provider; nil: http.DefaultClient

	copOnce sync.Once
	cop     *http.CrossOriginProtection
	oidcMu  sync.Mutex
	oidc    *oidcLogin

	apiPatterns []string // filled by apiRoutes, read by APIRoutes

	metrics *httpMetrics
	clients clientip.Resolver // built from Config.TrustedProxies by Handler
	egress  egress.Policy     // where webhook endpoints may point, from Config.WebhookAllowedNetworks
	ready   atomic.Bool
	latest  int64
}

// Handler builds the route table wrapped in the middleware chain.
func (s *Server) Handler() http.Handler {
	if s.Registry == nil {
		s.Registry = prometheus.NewRegistry()
	}
	s.metrics = newHTTPMetrics(s.Registry, s.Store, s.Config.MetricsIntegrationNames)
	if v, err := s.Store.LatestSchemaVersion(); err == nil {
		s.latest = v
	}
	if s.Claims == nil {
		s.Claims = s.newClaims()
	}
	if s.Directory == nil {
		s.Directory = directory.New(s.Accounts, s.Keys, directory.AllowList{})
	}
	// Validated with the configuration: an error here cannot happen.
	s.clients, _ = clientip.Parse(s.Config.TrustedProxies)
	s.egress.Allow, _ = egress.ParseNetworks(s.Config.WebhookAllowedNetworks)
	if s.Integrations == nil {
		s.Integrations = s.newIntegrations()
	}
	mux := http.NewServeMux()
	s.routes(mux)
	var h http.Handler = mux
	h = s.instrument(h)
	h = s.withRequestID(h)
	h = s.recoverPanics(h)
	return h
}
