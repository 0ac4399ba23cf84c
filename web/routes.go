package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/provisiond/provisiond/ui"
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
	s.pageRoutes(mux)
	s.consoleRoutes(mux)
}

// pageRoutes lists the public pages invitees use (page_*.go). Every one runs
// behind pageMiddleware: security headers, CSRF protection on POST.
func (s *Server) pageRoutes(mux *http.ServeMux) {
	secure := s.pageMiddleware()
	page := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, secure(h)) }
	page("GET /invite/{token}", s.claimPage)
	page("POST /invite/{token}", s.claimSubmit)
	page("GET /join/{token}", s.joinPage)
	page("POST /join/{token}", s.joinSubmit)
	page("GET /code", s.codePage)
	page("POST /code", s.codeSubmit)
	page("POST /code/password", s.codePasswordSubmit)
	page("GET /welcome", s.welcomePage)
	page("GET /waiting", s.welcomePage)
	page("GET /check-email", s.welcomePage)
	page("POST /lang", ui.Switch{Secure: s.secureCookies()}.ServeHTTP) // every page's language switcher (ui/switch.go)
	mux.HandleFunc("GET /static/{file}", pageCSS.serve)
	if s.SignIn != nil {
		s.SignIn.Mount(mux, secure, cssURL) // /oidc/, /signin... (signin/doc.go)
	}
}

// apiRoutes lists the admin API. Every handler runs behind s.admin, which
// authenticates the caller and enforces the role.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	api := func(pattern string, role Role, h http.HandlerFunc) {
		s.apiPatterns = append(s.apiPatterns, pattern) // for APIRoutes
		mux.Handle(pattern, s.admin(role, h))
	}
	api("GET /api/v1/integrations", RoleViewer, s.listIntegrations)
	api("GET /api/v1/integrations/{id}", RoleViewer, s.getIntegration)
	api("POST /api/v1/integrations", RoleAdmin, s.createIntegrationAPI)
	api("PATCH /api/v1/integrations/{id}", RoleAdmin, s.patchIntegrationAPI)
	api("DELETE /api/v1/integrations/{id}", RoleAdmin, s.deleteIntegrationAPI)
	api("POST /api/v1/integrations/{id}/token", RoleAdmin, s.rotateTokenAPI)               // returns the new token once
	api("GET /api/v1/integrations/{id}/oauth", RoleViewer, s.getOAuthAPI)                  // api_integrations_oauth.go
	api("POST /api/v1/integrations/{id}/oauth/secrets", RoleAdmin, s.createOAuthSecretAPI) // returns the secret once
	api("POST /api/v1/integrations/{id}/oauth/secrets/{secret}/retire", RoleAdmin, s.retireOAuthSecretAPI)
	api("GET /api/v1/admins", RoleViewer, s.listAdmins)
	api("GET /api/v1/admins/{id}", RoleViewer, s.getAdmin)
	api("POST /api/v1/admins", RoleOwner, s.createAdmin)
	api("PATCH /api/v1/admins/{id}", RoleOwner, s.patchAdmin)
	api("DELETE /api/v1/admins/{id}", RoleOwner, s.deleteAdmin)
	api("GET /api/v1/admin-tokens", RoleOwner, s.listAdminTokensAPI)
	api("DELETE /api/v1/admin-tokens/{id}", RoleOwner, s.revokeAdminTokenAPI) // revoked for good, bootstrap included
	api("GET /api/v1/audit-events", RoleViewer, s.listAuditEvents)
	api("GET /api/v1/audit-events/export", RoleViewer, s.exportAuditEvents) // csv or jsonl, streamed
	api("POST /api/v1/invitation-links", RoleAdmin, s.createLink)
	api("GET /api/v1/invitation-links", RoleViewer, s.listLinks)
	api("GET /api/v1/invitation-links/{id}", RoleViewer, s.getLink)
	api("GET /api/v1/invitation-links/{id}/url", RoleAdmin, s.getLinkURL) // the URL again, audited
	api("PATCH /api/v1/invitation-links/{id}", RoleAdmin, s.patchLink)    // name, maxUses, expiresAt
	api("DELETE /api/v1/invitation-links/{id}", RoleAdmin, s.deleteLink)
	api("GET /api/v1/accounts", RoleViewer, s.listAccounts)
	api("GET /api/v1/accounts/{id}", RoleViewer, s.getAccount)
	api("GET /api/v1/accounts/{id}/access-code", RoleAdmin, s.getAccessCode) // reveals a secret
	api("POST /api/v1/accounts/{id}/access-code", RoleAdmin, s.regenerateAccessCode)
	api("GET /api/v1/accounts/{id}/access-code/qr.png", RoleAdmin, s.accessCodeQR)
	// Admin-created accounts (api_accounts_write*.go, api_account_imports*.go).
	api("POST /api/v1/accounts", RoleAdmin, s.createAccountAPI) // invites at once; the link once without SMTP
	api("PATCH /api/v1/accounts/{id}", RoleAdmin, s.patchAccountAPI)
	api("POST /api/v1/accounts/import", RoleAdmin, s.importAccountsAPI)
	api("GET /api/v1/account-imports/{id}", RoleViewer, s.getAccountImportAPI) // ?format=csv
	api("POST /api/v1/account-imports/{id}/apply", RoleAdmin, s.applyAccountImportAPI)
	api("GET /api/v1/invitations", RoleViewer, s.listInvitations)
	api("POST /api/v1/invitations", RoleAdmin, s.createInvitations)
	api("POST /api/v1/invitations/import", RoleAdmin, s.importInvitations)
	api("POST /api/v1/invitations/preview", RoleViewer, s.previewInvitation)
	api("GET /api/v1/invitations/{id}/link", RoleAdmin, s.currentInvitationLink) // the link the owner holds, audited
	api("POST /api/v1/invitations/{id}/{action}", RoleAdmin, s.invitationAction) // resend|cancel|approve|reject|link (regenerate)
	api("POST /api/v1/integrations/{id}/sync", RoleAdmin, s.startSync)
	api("GET /api/v1/integrations/{id}/sync-runs", RoleViewer, s.listSyncRuns)
	api("GET /api/v1/sync-runs/{id}", RoleViewer, s.getSyncRun)
	// The breaker on mass deprovisioning (api_breaker*.go, account/breaker.go).
	api("GET /api/v1/integrations/{id}/breaker", RoleViewer, s.getBreaker)
	api("PATCH /api/v1/integrations/{id}/breaker", RoleAdmin, s.patchBreaker)
	api("GET /api/v1/integrations/{id}/held-changes", RoleViewer, s.listHeldChanges)
	api("POST /api/v1/integrations/{id}/held-changes/{action}", RoleAdmin, s.decideHeldChanges) // apply|discard
	// Sign-in clients, reset links and webhooks (api_clients*.go, api_webhooks*.go).
	api("GET /api/v1/clients", RoleViewer, s.listClients)
	api("POST /api/v1/clients", RoleAdmin, s.createClient) // returns the secret once
	api("GET /api/v1/clients/{id}", RoleViewer, s.getClient)
	api("PATCH /api/v1/clients/{id}", RoleAdmin, s.patchClient)
	api("DELETE /api/v1/clients/{id}", RoleAdmin, s.deleteClient)
	api("POST /api/v1/accounts/{id}/password-reset", RoleAdmin, s.createResetLink) // returns the link once
	api("GET /api/v1/webhooks", RoleViewer, s.listWebhooks)
	api("POST /api/v1/webhooks", RoleAdmin, s.createWebhook) // returns the secret once
	api("GET /api/v1/webhooks/{id}", RoleViewer, s.getWebhook)
	api("PATCH /api/v1/webhooks/{id}", RoleAdmin, s.patchWebhook)
	api("DELETE /api/v1/webhooks/{id}", RoleAdmin, s.deleteWebhook)
	api("GET /api/v1/webhooks/{id}/deliveries", RoleViewer, s.listDeliveries)
	api("GET /api/v1/webhook-deliveries/{id}", RoleViewer, s.getDelivery)
	api("POST /api/v1/webhook-deliveries/{id}/replay", RoleAdmin, s.replayDelivery)
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
