package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Parameters of new hashes: OWASP's argon2id recommendation (m=19 MiB, t=2, p=1).
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// ErrMalformedHash is returned by Verify for a string that is not an argon2id PHC hash
// this package can check (or whose parameters are outside sane bounds).
var ErrMalformedHash = errors.New("password: malformed hash")

var b64 = base64.RawStdEncoding // the PHC format: standard alphabet, no padding

// Hash returns the argon2id PHC string of pw, e.g. $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func Hash(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, passes, memoryKiB, lanes, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memoryKiB, passes, lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

type phc struct {
	m, t      uint32
	p         uint8
	salt, key []byte
}

func parse(hash string) (phc, error) {
	var h phc
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return h, ErrMalformedHash
	}
	_, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.m, &h.t, &h.p)
	if err != nil || parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", h.m, h.t, h.p) {
		return h, ErrMalformedHash
	}
	var err1, err2 error
	h.salt, err1 = b64.DecodeString(parts[4])
	h.key, err2 = b64.DecodeString(parts[5])
	// Bounds keep a forged or corrupted row from making Verify allocate gigabytes or spin.
	if err1 != nil || err2 != nil || h.m < 8 || h.m > 1<<20 || h.t < 1 || h.t > 16 || h.p < 1 ||
		len(h.salt) < 8 || len(h.key) < 16 || len(h.key) > 64 {
		return h, ErrMalformedHash
	}
	return h, nil
}

// Verify reports whether pw matches hash, comparing in constant time. A malformed hash is
// an error, never a match.
func Verify(hash, pw string) (bool, error) {
	h, err := parse(hash)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(pw), h.salt, h.t, h.m, h.p, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1, nil
}

// NeedsRehash reports whether hash was made with other parameters than Hash uses now (or
// cannot be parsed), so the caller should store Hash(pw) after a successful Verify.
func NeedsRehash(hash string) bool {
	h, err := parse(hash)
	return err != nil || h.m != memoryKiB || h.t != passes || h.p != lanes ||
		len(h.salt) != saltLen || len(h.key) != keyLen
}
