package web

import "net/http"

// consoleRoutes is the console's route table: login and logout, then every
// page behind s.console (session, role), all behind the public pages'
// security headers and CSRF check.
// Pages that act through invite.Service are left out when it is not wired.
func (s *Server) consoleRoutes(mux *http.ServeMux) {
	secure := s.pageMiddleware()
	open := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, secure(h)) }
	open("GET /admin/login", s.loginPage)
	open("POST /admin/login", s.loginSubmit)
	open("GET /admin/login/oidc", s.oidcStart)
	open("GET /admin/oidc/callback", s.oidcCallback)
	mux.HandleFunc("GET /admin/static/{file}", consoleCSS.serve)
	mux.Handle("GET /admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))

	page := func(pattern string, role Role, h http.HandlerFunc) { mux.Handle(pattern, secure(s.console(role, h))) }
	page("POST /admin/logout", RoleViewer, s.logout)
	page("GET /admin/{$}", RoleViewer, s.dashboardPage)
	page("GET /admin/integrations", RoleViewer, s.integrationsPage)
	page("POST /admin/integrations", RoleAdmin, s.integrationCreate)
	page("GET /admin/integrations/{id}", RoleViewer, s.integrationPage)
	page("POST /admin/integrations/{id}", RoleAdmin, s.integrationSave)
	page("POST /admin/integrations/{id}/token", RoleAdmin, s.integrationRotate)
	page("POST /admin/integrations/{id}/breaker", RoleAdmin, s.integrationBreakerSave)
	page("POST /admin/integrations/{id}/oauth/secrets", RoleAdmin, s.integrationOAuthCreate) // console_integration_oauth.go
	page("POST /admin/integrations/{id}/oauth/secrets/{secret}/retire", RoleAdmin, s.integrationOAuthRetire)
	page("POST /admin/integrations/{id}/delete", RoleAdmin, s.integrationDelete)
	page("POST /admin/integrations/{id}/sync", RoleAdmin, s.integrationSyncPage)
	page("POST /admin/integrations/{id}/test", RoleAdmin, s.integrationTestPage)
	page("GET /admin/integrations/{id}/held-changes", RoleViewer, s.breakerPage)
	page("POST /admin/integrations/{id}/held-changes/{action}", RoleAdmin, s.breakerDecide) // apply|discard
	page("GET /admin/sync-runs/{id}", RoleViewer, s.syncRunPage)
	page("GET /admin/accounts/{id}", RoleViewer, s.accountPage)
	page("GET /admin/admins", RoleViewer, s.adminsPage)
	page("POST /admin/admins", RoleOwner, s.adminCreatePage)
	page("POST /admin/admins/{id}", RoleOwner, s.adminSavePage)
	page("POST /admin/admins/{id}/delete", RoleOwner, s.adminDeletePage)
	page("GET /admin/admin-tokens", RoleOwner, s.adminTokensPage)
	page("POST /admin/admin-tokens/{id}/revoke", RoleOwner, s.adminTokenRevokePage)
	page("GET /admin/accounts", RoleViewer, s.accountsPage)
	page("GET /admin/invitations", RoleViewer, s.invitationsPage)
	page("GET /admin/audit", RoleViewer, s.auditPage)
	page("GET /admin/links", RoleViewer, s.linksPage)
	page("POST /admin/links", RoleAdmin, s.linkCreatePage)
	page("POST /admin/links/{id}/delete", RoleAdmin, s.linkDeletePage)
	page("GET /admin/links/{id}/edit", RoleAdmin, s.linkEditPage)
	page("POST /admin/links/{id}/edit", RoleAdmin, s.linkEditSubmit) // name, cap, expiry
	page("POST /admin/links/{id}/url", RoleAdmin, s.linkURLPage)     // the URL again, audited
	// Sign-in clients and webhooks (console_clients*.go, console_webhooks*.go).
	page("GET /admin/clients", RoleViewer, s.clientsPage)
	page("POST /admin/clients", RoleAdmin, s.clientCreatePage) // shows the secret once
	page("POST /admin/clients/{id}/secret", RoleAdmin, s.clientRotatePage)
	page("POST /admin/clients/{id}/delete", RoleAdmin, s.clientDeletePage)
	page("GET /admin/webhooks", RoleViewer, s.webhooksPage)
	page("POST /admin/webhooks", RoleAdmin, s.webhookCreatePage) // shows the secret once
	page("GET /admin/webhooks/{id}", RoleViewer, s.webhookPage)
	page("POST /admin/webhooks/{id}/enable", RoleAdmin, s.webhookSetEnabled(true))
	page("POST /admin/webhooks/{id}/disable", RoleAdmin, s.webhookSetEnabled(false))
	page("POST /admin/webhooks/{id}/delete", RoleAdmin, s.webhookDeletePage)
	page("POST /admin/webhook-deliveries/{id}/replay", RoleAdmin, s.webhookReplayPage)
	if s.Invites != nil {
		page("POST /admin/accounts/invite", RoleAdmin, s.accountsInvite)
		page("GET /admin/accounts/{id}/code", RoleAdmin, s.codePageGet)
		page("POST /admin/accounts/{id}/code", RoleAdmin, s.codeReveal)
		page("POST /admin/invitations/invite-all", RoleAdmin, s.inviteAllAskPage) // the forecast; sends nothing
		page("POST /admin/invitations/invite-all/confirm", RoleAdmin, s.inviteAllConfirmPage)
		page("POST /admin/invitations/emails", RoleAdmin, s.invitationsEmailsPage)
		page("GET /admin/access-codes.csv", RoleAdmin, s.codesExport)
		page("POST /admin/invitations/preview", RoleViewer, s.previewPage)
		page("POST /admin/invitations/import", RoleAdmin, s.importPreviewPage)
		page("POST /admin/invitations/import/confirm", RoleAdmin, s.importConfirmPage)
		page("POST /admin/invitations/{id}/{action}", RoleAdmin, s.invitationActionPage)
		// Admin-created accounts (console_account_new/import/edit.go).
		page("GET /admin/accounts/new", RoleAdmin, s.accountNewPage)
		page("POST /admin/accounts/new", RoleAdmin, s.accountNewSubmit)
		page("GET /admin/accounts/import", RoleAdmin, s.accountImportPage)
		page("POST /admin/accounts/import", RoleAdmin, s.accountImportPreview)
		page("POST /admin/accounts/import/{id}/apply", RoleAdmin, s.accountImportApply)
		page("GET /admin/account-imports/{id}", RoleViewer, s.accountImportReportPage)
		page("GET /admin/accounts/{id}/edit", RoleViewer, s.accountEditPage)
		page("POST /admin/accounts/{id}/edit", RoleAdmin, s.accountEditSubmit)
	}
}
