// Package web owns provisiond's HTTP surface other than SCIM: the route
// tables, the middleware (request ids, access logs, metrics, recovery,
// security headers), health and readiness, Prometheus metrics, the admin
// JSON API under /api/v1, the admin console, and the claim, sign-up and code
// pages.
//
// Files go by audience, each surface's routes listed in one place:
//
//	api_*.go       the admin API           routes: routes.go (apiRoutes)
//	console_*.go   the admin console       routes: console_routes.go
//	auth_*.go      console sign-in and sessions
//	page_*.go      the public pages        routes: routes.go (pageRoutes)
//
// They stay one package: the three share the Server's dependencies, the
// principal and session of a request, the CSRF and error answers, and one
// middleware chain; subpackages would export all of that to each other.
//
// Route map:
//
//	GET  /healthz                 process alive
//	GET  /readyz                  database answers and schema is current
//	GET  /metrics                 Prometheus
//	     /scim/v2/...             scim.Server (mounted, not implemented here)
//	     /api/v1/...              admin API, Bearer admin token or console session (api*.go;
//	                              every route documented in docs/openapi.yaml, checked by a test)
//	     /admin/login[/oidc]      console login: local password or OIDC code flow + PKCE (auth*.go)
//	GET  /admin/oidc/callback     OIDC redirect URI
//	     /admin/...               admin console pages (console*.go, templates/console/)
//	     /invite/{token}          claim page, also a sign-up's confirmation (page_claim*.go)
//	     /join/{token}            sign-up through a multi-use link (page_join*.go)
//	GET  /check-email, /welcome, /waiting   where sign-ups and claims land
//	     /code, /code/password    access-code redemption (page_code*.go)
//	POST /lang                    every page's language switcher (ui.Switch: lang cookie, same-site redirect)
//
// Pages, the console's and the public ones, render through ui: its layout,
// partials and catalog (ui/catalog/*.json), the language that ui.Lang picks
// (the lang cookie, then the account's or the form's language, then
// Accept-Language). The console adds its frame (templates/console/frame.html)
// to ui's layout; the public pages' templates are templates/*.html.
//
// web reads and acts through account, invite, integration and store; it
// never writes SQL. Integrations, console admins and OIDC clients are written
// by integration.Service (validation, secrets, audit): the api_integrations*,
// api_admins*, api_clients*, console_integration*, console_admins and
// console_clients* handlers and the first OIDC login (auth_oidc_callback.go)
// only decode the request, call it and render the answer. A refused field
// is a *store.InvalidError, read with errors.As and shown as its text.
// Handlers never write err.Error() into a response: internal errors are
// logged with the request id and answered with a generic message.
package web
