// Package integration owns the writes an admin or the operator makes to the
// instance's own configuration: integrations (the sources of accounts),
// console admins and the OpenID Connect clients of the sign-in provider.
// One Service creates, changes (including disabling), rotates the secret of
// and deletes each of them; it validates the input, mints the secrets
// (a SCIM bearer token, a client secret: returned once, stored as a hash
// only) and writes the audit event in the same transaction as the change.
//
// Callers are the admin API and console (web/) and the subcommands
// (cmd/provisiond): they parse a request or flags into an Input, call the
// Service and print or render what it returns. A refused field comes back
// as a *store.InvalidError whose text is safe to show; a taken name as
// store.ErrConflict, an unknown id as store.ErrNotFound.
//
//	integrations  Create, Update (settings, disable, CLI's breaker), RotateToken, Delete, SetBreaker
//	admins        CreateAdmin (CLI, API, console, first OIDC login), UpdateAdmin, DeleteAdmin, ResetAdminPassword
//	OIDC clients  CreateClient, UpdateClient (rotate with it), DeleteClient
//	SCIM OAuth    CreateOAuthSecret (first or rotation, with an overlap), RetireOAuthSecret,
//	              OAuthSecrets, RetireLapsedOAuthSecrets (oauth.go; docs/scim-oauth.md)
//
// Audit events (docs/audit.md lists their details): integration.created,
// integration.updated, integration.token_rotated (detail tokenPrefix),
// integration.deleted, integration.breaker_updated,
// integration.oauth_secret_created, integration.oauth_secret_rotated,
// integration.oauth_secret_retired,
// integration.ldap_credentials_changed, admin.created, admin.updated,
// admin.deleted, admin.password_reset, oidc_client.created,
// oidc_client.updated, oidc_client.deleted.
//
// An OIDC client's back-channel logout URI is checked against the egress
// policy (Service.Egress, backchannel.CheckURI) before the transaction.
//
// integration must not parse HTTP requests or flags, print, or speak SQL;
// it reaches the database through store and an LDAP integration's settings
// through directory (directory/settings.go).
package integration
