package password

import (
	"strings"
	"unicode/utf8"
)

// Defaults of Policy: 15 characters when the password is the only factor (NIST SP 800-63B),
// and room for passphrases well past the 64 NIST asks to allow.
const (
	DefaultMinLength = 15
	DefaultMaxLength = 128
	// floorMinLength is NIST's minimum for any password, whatever the configuration.
	floorMinLength = 8
	// floorMaxLength is the least maximum NIST allows a verifier to impose.
	floorMaxLength = 64
	// minContextLength keeps short context fragments ("al") from rejecting good passwords.
	minContextLength = 4
)

// Policy decides which new passwords are accepted. The zero value is the default policy.
type Policy struct {
	MinLength int // in Unicode code points; 0 means DefaultMinLength, values below 8 mean 8
	MaxLength int // in Unicode code points; 0 means DefaultMaxLength, values below 64 mean 64
}

// Bounds returns the shortest and longest password p accepts, the floors
// applied (Check uses the same); forms show them as hints.
func (p Policy) Bounds() (lo, hi int) {
	lo, hi = p.MinLength, p.MaxLength
	if lo == 0 {
		lo = DefaultMinLength
	}
	if hi == 0 {
		hi = DefaultMaxLength
	}
	lo, hi = max(lo, floorMinLength), max(hi, floorMaxLength)
	return lo, max(lo, hi)
}

// Check returns nil when pw is acceptable, or a *PolicyError. context holds words the
// password must not contain, such as the account's email address, user name or display
// name; an email also contributes its local part.
func (p Policy) Check(pw string, context ...string) error {
	lo, hi := p.Bounds()
	n := utf8.RuneCountInString(pw)
	switch {
	case n < lo:
		return &PolicyError{Code: CodeTooShort, Min: lo, Max: hi}
	case n > hi:
		return &PolicyError{Code: CodeTooLong, Min: lo, Max: hi}
	case isCommon(pw):
		return &PolicyError{Code: CodeCommon, Min: lo, Max: hi}
	case containsContext(pw, context):
		return &PolicyError{Code: CodeContainsContext, Min: lo, Max: hi}
	}
	return nil
}

func containsContext(pw string, context []string) bool {
	lower := strings.ToLower(pw)
	for _, c := range context {
		c = strings.ToLower(strings.TrimSpace(c))
		words := []string{c}
		if local, _, ok := strings.Cut(c, "@"); ok {
			words = append(words, local)
		}
		// Parts of "jean-pierre.martin" or "Jean Martin" count on their own too.
		words = append(words, strings.FieldsFunc(c, func(r rune) bool {
			return strings.ContainsRune(" .-_+@", r)
		})...)
		for _, w := range words {
			if utf8.RuneCountInString(w) >= minContextLength && strings.Contains(lower, w) {
				return true
			}
		}
	}
	return false
}
