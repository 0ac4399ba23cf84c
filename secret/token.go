package secret

import (
	"crypto/rand"
	"encoding/base64"
)

// SCIMTokenPrefix marks SCIM bearer tokens so secret scanners and admins recognise them.
const SCIMTokenPrefix = "pvd_"

// NewToken returns 32 random bytes as unpadded base64url (43 characters), for claim links,
// multi-use links and API tokens.
func NewToken() string {
	b := make([]byte, 32)
	// crypto/rand.Read never returns an error since Go 1.24: it crashes the program instead.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewPrefixedToken returns prefix followed by NewToken, e.g. NewPrefixedToken(SCIMTokenPrefix).
func NewPrefixedToken(prefix string) string {
	return prefix + NewToken()
}
