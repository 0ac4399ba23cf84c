package web

import (
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Server holds the dependencies of every HTTP handler. Fields are set once by
// cmd/provisiond before Handler is called.
type Server struct {
	Config   *config.Config
	Store    *store.Store
	Accounts *account.Service
	Keys     *secret.Keys
	SCIM     http.Handler // nil: /scim/v2 answers 401
	Log      *slog.Logger
	Registry *prometheus.Registry

	metrics *httpMetrics
	ready   atomic.Bool
	latest  int64
}

// Handler builds the route table wrapped in the middleware chain.
func (s *Server) Handler() http.Handler {
	if s.Registry == nil {
		s.Registry = prometheus.NewRegistry()
	}
	s.metrics = newHTTPMetrics(s.Registry, s.Store)
	if v, err := s.Store.LatestSchemaVersion(); err == nil {
		s.latest = v
	}
	mux := http.NewServeMux()
	s.routes(mux)
	var h http.Handler = mux
	h = s.instrument(h)
	h = s.withRequestID(h)
	h = s.recoverPanics(h)
	return h
}
