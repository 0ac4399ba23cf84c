package secret

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/hkdf"
)

// MinMasterKeyLength is the shortest PROVISIOND_SECRET_KEY accepted, in characters.
const MinMasterKeyLength = 32

// Purposes used with Keys.HMAC; each gets its own sub-key.
const (
	PurposeClaimToken = "claim-token"
	PurposeLinkToken  = "link-token"
	PurposeAccessCode = "access-code"
	PurposeSCIMToken  = "scim-token"
	// PurposeSCIMCursor signs SCIM paging cursors (RFC 9865; scim/cursor.go).
	PurposeSCIMCursor = "scim-cursor"
)

// ErrShortMasterKey is returned by NewKeys for a master key under MinMasterKeyLength.
var ErrShortMasterKey = errors.New("secret: master key must be at least 32 characters")

// Keys holds the sub-keys derived from the master key. It is safe for concurrent use.
type Keys struct {
	prk     []byte // HKDF pseudo-random key; sub-keys are expanded from it
	aeadKey []byte
	hmacs   sync.Map // purpose -> []byte, cached because HMAC sits on hot lookup paths
}

// NewKeys derives the server's sub-keys from master (PROVISIOND_SECRET_KEY).
func NewKeys(master string) (*Keys, error) {
	if utf8.RuneCountInString(master) < MinMasterKeyLength {
		return nil, ErrShortMasterKey
	}
	// A fixed salt is fine: the master key is already secret and high-entropy by contract;
	// the salt only separates provisiond's derivations from any other use of the same string.
	k := &Keys{prk: hkdf.Extract(sha256.New, []byte(master), []byte("provisiond/v1"))}
	key, err := k.expand("aes-256-gcm")
	if err != nil {
		return nil, err
	}
	k.aeadKey = key
	return k, nil
}

func (k *Keys) expand(info string) ([]byte, error) {
	out := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.Expand(sha256.New, k.prk, []byte("provisiond/"+info)), out); err != nil {
		return nil, fmt.Errorf("secret: derive %s key: %w", info, err)
	}
	return out, nil
}

func (k *Keys) hmacKey(purpose string) []byte {
	if v, ok := k.hmacs.Load(purpose); ok {
		return v.([]byte)
	}
	key, err := k.expand("hmac/" + purpose)
	if err != nil {
		// HKDF-SHA256 only fails past 255*32 bytes of output; 32 bytes cannot fail.
		panic(err)
	}
	v, _ := k.hmacs.LoadOrStore(purpose, key)
	return v.([]byte)
}

// HMAC returns the hex HMAC-SHA256 of value under the sub-key of purpose. Store this, never
// the value, and look records up by it.
func (k *Keys) HMAC(purpose, value string) string {
	m := hmac.New(sha256.New, k.hmacKey(purpose))
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// TokenHash returns the plain SHA-256 hex of token. SCIM tokens are 256-bit random, so an
// unkeyed hash is enough and survives a change of master key (docs/security.md, "Secrets at rest").
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
