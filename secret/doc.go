// Package secret owns provisiond's key material and the primitives built on it: sub-keys
// derived with HKDF-SHA256 from PROVISIOND_SECRET_KEY, HMAC lookups for tokens and codes,
// AES-256-GCM sealing of access codes at rest, random tokens and access codes, constant-time
// comparison, and the key file the embedded default creates in its data directory.
//
// Flow: the master key (any string of at least 32 characters) goes through NewKeys once at
// start-up; every purpose gets its own HKDF sub-key, so a leak of one HMAC table never helps
// with another, and rotating the master key rotates everything.
//
// This package must not log, print or wrap into errors any key, token, code or plaintext; it
// must not touch the database or know about accounts: callers store what it returns.
package secret
