package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes is the whole route table.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}))

	scim := s.SCIM
	if scim == nil {
		scim = http.HandlerFunc(scimUnauthorized)
	}
	mux.Handle("/scim/v2/", scim)
	mux.Handle("/scim/v2", scim)

	s.apiRoutes(mux)
}

// apiRoutes lists the admin API. Every handler runs behind s.admin, which
// authenticates the caller and enforces the role.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	api := func(pattern string, role Role, h http.HandlerFunc) { mux.Handle(pattern, s.admin(role, h)) }
	api("GET /api/v1/integrations", RoleViewer, s.listIntegrations)
	api("GET /api/v1/integrations/{id}", RoleViewer, s.getIntegration)
	api("GET /api/v1/audit-events", RoleViewer, s.listAuditEvents)
	mux.Handle("/api/v1/", s.admin(RoleViewer, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "not_found", "no such endpoint")
	}))
}

// scimUnauthorized answers every SCIM request until the SCIM server is mounted.
func scimUnauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/scim+json")
	w.Header().Set("WWW-Authenticate", `Bearer realm="provisiond"`)
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"authentication required"}`))
}
