// Package backchannel tells the applications that sign their users in
// through provisiond (signin/) that an account lost its trust, with
// OpenID Connect Back-Channel Logout 1.0 logout tokens, so that their own
// sessions end too (docs/backchannel-logout.md).
//
// Flow:
//
//	account/ suspends, deactivates or deletes an account (SCIM, LDAP, an
//	  admin, held changes applied), in its tx, just before it deletes the
//	  account's tokens ──Enqueue(ctx, tx, account)──> for every enabled
//	  client with a backchannel_logout_uri: one backchannel_logouts row +
//	  one River job per sign-in session the account holds there (sid = the
//	  grant's family, which its ID tokens carry), or one without sid when
//	  it holds none there (the application may keep a session longer than
//	  our tokens), unless the client requires a sid
//	River worker ──Worker.Work──> signs a fresh logout token (Signer:
//	  signin.Provider.LogoutToken, typ logout+jwt, RS256 with the ID tokens'
//	  keys, iss, aud = client id, iat, exp two minutes later, jti, sub, sid,
//	  events; never a nonce) and POSTs it form-encoded (logout_token=...)
//
// Outcome: a 2xx answer delivers it. A network error, 408, 429 or 5xx is
// retried with River's backoff (attempt^4 s, MaxAttempts tries, about 11
// hours). Any other answer (400: the application refused the token) fails
// it at once: a new token would carry the same claims and be refused the
// same way. Every attempt is recorded (status code, error) on its row.
// An account that never had a password and holds no tokens never signed
// in anywhere: it costs no job.
//
// Reach (egress/doc.go): the URI is checked when an admin saves it
// (CheckURI: http(s), no credentials or fragment, its host must not be or
// resolve to an internal address unless the operator's
// webhookAllowedNetworks allows it), and every connection the worker makes
// checks the address it dials; redirects are not followed.
//
// backchannel must not log logout tokens; it never changes an account
// (account/ does) and never signs with a key of its own (signin/ does).
package backchannel
