package secret

import (
	"crypto/rand"
	"strings"
)

// AccessCodeAlphabet is the 30 symbols access codes are drawn from. Both members of each
// look-alike pair are left out (0/O, 1/I/L) and U too, which reads as V in many hands and
// fonts. 16 symbols give about 78 bits, far beyond what throttled guessing can reach.
const AccessCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

// AccessCodeLength is the number of symbols in an access code, without separators.
const AccessCodeLength = 16

// NewAccessCode returns a uniformly random access code of AccessCodeLength symbols, without
// separators; store and HMAC this raw form, show FormatAccessCode of it.
func NewAccessCode() string {
	const n = len(AccessCodeAlphabet)
	// Rejection sampling: bytes at or above the largest multiple of n would favour the
	// first symbols of the alphabet if reduced modulo n.
	const limit = 256 - 256%n
	out := make([]byte, 0, AccessCodeLength)
	buf := make([]byte, 2*AccessCodeLength)
	for len(out) < AccessCodeLength {
		_, _ = rand.Read(buf) // never fails since Go 1.24
		for _, b := range buf {
			if int(b) < limit && len(out) < AccessCodeLength {
				out = append(out, AccessCodeAlphabet[int(b)%n])
			}
		}
	}
	return string(out)
}

// FormatAccessCode groups a raw code by four: "XXXX-XXXX-XXXX-XXXX".
func FormatAccessCode(raw string) string {
	var b strings.Builder
	for i, r := range raw {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeAccessCode turns what a person typed into the raw code, or reports false.
// It drops spaces and dashes and ignores case. A typed U becomes V (U is never issued and
// is the usual misreading of V). O, 0, I, L and 1 are rejected rather than mapped: neither
// member of those pairs is ever issued, so there is nothing sound to map them to.
func NormalizeAccessCode(input string) (string, bool) {
	out := make([]byte, 0, AccessCodeLength)
	for _, r := range input {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\u00a0':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		if r == 'U' {
			r = 'V'
		}
		if r > 0x7f || !strings.ContainsRune(AccessCodeAlphabet, r) || len(out) == AccessCodeLength {
			return "", false
		}
		out = append(out, byte(r))
	}
	if len(out) != AccessCodeLength {
		return "", false
	}
	return string(out), true
}
