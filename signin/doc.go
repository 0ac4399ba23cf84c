// Package signin is the OpenID Connect provider of the application the
// accounts belong to (github.com/zitadel/oidc/v3 pkg/op), with its sign-in,
// forgotten-password and change-password pages.
//
// Routes (mounted by web through Provider.Mount):
//
//	/oidc/.well-known/openid-configuration   discovery; issuer = base URL + "/oidc"
//	/oidc/authorize, /oidc/oauth/token, /oidc/userinfo, /oidc/keys,
//	/oidc/revoke, /oidc/oauth/introspect, /oidc/end_session   pkg/op
//	GET|POST /signin?id=AUTHREQ        sign-in form of one authorization request
//	GET  /signin                       without id: the landing page (how signing in goes,
//	                                   the application's link, the password pages); the
//	                                   claim, sign-up and code pages' done page links to it
//	GET|POST /signin/forgot            "forgot password?": mails a reset link
//	GET|POST /signin/reset/{token}     choose a new password (GET never consumes)
//	GET|POST /signin/password          change one's password (current one required)
//
// Flow (authorization code only; PKCE S256, never plain, required for
// public clients: pkce.go; discovery offers nothing else: discovery.go):
//
//	application --/oidc/authorize--> op validates; the request is sealed
//	  into its id, nothing stored (pending.go: strangers add no rows)
//	  --302--> /signin?id=p1...  person posts userName or email + password
//	  (throttled per account and per client address, counters in the database)
//	  success: the request is stored, signed in (oidc_auth_requests)
//	  --303--> /oidc/authorize/callback?id=.. --302--> redirect_uri?code=..
//	  (the callback only answers the browser that signed in: a cookie with
//	  an HMAC of the request id, set by the sign-in, see callback.go)
//	application --/oidc/oauth/token (code, verifier, client secret)--> ID token,
//	  access token, and with offline_access a refresh token (rotated on use;
//	  a rotated one presented again revokes its whole grant: refresh.go)
//
// The token endpoint also serves the OAuth 2.0 client credentials grant to
// SCIM integrations (client_credentials.go, scim_tokens.go;
// docs/scim-oauth.md): client_id is the integration's id, the secret one of
// its integration_secrets (client_secret_basic or _post, throttled like the
// sign-in form); the answer is an RS256 JWT (typ at+jwt) for the SCIM base
// URL, valid SCIMTokenTTL (one hour), which scim/ checks with
// VerifySCIMToken. Applications' OIDC clients never get that grant.
//
// Only accounts that can sign in get tokens: status active, active flag set,
// a password, not deleted (CanSignIn). That is checked at sign-in AND on every
// use of a token (code exchange, refresh, userinfo, introspection), so that
// an account changed by any path, even direct SQL, gets nothing more. On top
// of that, sessions are deleted (store.EndSignInSessions: tokens and signed-in
// requests) in the transaction that takes trust away: account/ does it for
// every suspension and deletion (SCIM, LDAP, held changes applied), this
// package for a password change, a completed reset and an admin's reset
// (IssueResetLink; "forgot password?" alone ends nothing). Access tokens are
// opaque (AES-GCM by pkg/op) and backed by a row in oidc_tokens; refresh
// tokens are "<grant>.<random>" and stored as an HMAC. Authorization codes
// are stored as an HMAC and consumed atomically; a code presented again
// revokes the tokens of its exchange (refresh.go, codeReused).
//
// Back-channel logout (backchannel.go, docs/backchannel-logout.md): ID
// tokens carry sid, the grant family of their tokens (the same for a code
// exchange and its refreshes); LogoutToken signs the logout tokens that
// backchannel/'s worker posts, with the ID tokens' keys; discovery says
// backchannel_logout_supported and backchannel_logout_session_supported.
//
// The groups claim names a group by its displayName, qualified by its
// integration's name when another group shares that name (claims.go).
//
// Signing keys: RSA 2048 (RS256), generated on demand, private key sealed with
// the secret key (secret.Keys.Seal) in oidc_signing_keys. A key signs for
// KeyRotation (30 days) after it was created, then a new one is generated;
// each stays published in /oidc/keys for KeyRotation + RefreshTokenTTL.
// Replicas share keys through the database; two replicas rotating at once
// only publish one more key.
//
// Password reset: same token rules as invitations: 256-bit random token,
// HMAC at rest, single use (UPDATE ... WHERE used_at IS NULL), one hour, GET
// shows the form without consuming it, and the forgot page answers the same
// (and mails in the background) whether the address exists or not. A reset
// belongs to the address it was issued for (password_resets.email): it stops
// working once the account has another one; account.Service also voids the
// resets in flight when it changes the address.
//
// email_verified is claimed_at set: the account's address received our claim
// link or a sign-up's confirmation, or an admin approved it; a sign-up
// through a multi-use link cannot sign in before that (docs/signup.md).
//
// Pages render through ui (its layout, partials, shared error, gone,
// throttled and done pages, and catalog, ui/catalog/*.json; the page
// templates of templates/ are signin's own). Their language: the lang cookie
// of ui's switcher, then the request's ui_locales or the account's language,
// then the form's lang, then Accept-Language (ui.Lang). The reset mail goes
// in the account's language (ui.Pick).
//
// signin must not log tokens, codes, passwords or reset links, and never
// changes an account's status: account/ owns that.
package signin
