// Package password owns how account passwords are hashed and which ones are accepted.
//
// Hashing is argon2id with the OWASP parameters (19 MiB, two passes, one lane), stored in
// the PHC string format so that parameters can be raised later: NeedsRehash tells a caller
// to re-hash after a successful Verify. The policy follows NIST SP 800-63B: a length range
// counted in Unicode code points, no composition rules, and a blocklist of common passwords
// embedded from common.txt (regenerate with `go generate`).
//
// This package must not log, store or put into errors any password or hash; it knows nothing
// about accounts or HTTP: callers turn PolicyError codes into messages in the user's language.
package password

//go:generate go run ./internal/gencommon -o common.txt
