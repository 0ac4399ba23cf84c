package secret

import (
	"fmt"
	"strings"
	"time"
)

// selectorLen is the length of an ordered token's selector: the Unix
// millisecond in lowercase hex, zero-padded (11 digits last until 2527).
// orderedLen is the whole token's: selector, '_', NewToken's 43 characters.
// Every character is base64url's, as in the plain tokens before, so a link
// is cut at the same place by whoever finds it in a mail.
const (
	selectorLen = 11
	orderedLen  = selectorLen + 1 + 43
)

// NewOrderedToken returns NewToken behind a selector that grows with time
// (selectorLen hex digits of at's Unix millisecond, then '_'). The
// selector is public (the mail that carries the token tells the same time);
// the 256 random bits after it are the secret. Keys built with OrderedKey
// then land at the end of their index instead of at random places in it:
// a bulk invite writes a few index pages per batch, not one per row.
func NewOrderedToken(at time.Time) string {
	return fmt.Sprintf("%0*x_", selectorLen, at.UnixMilli()) + NewToken()
}

// OrderedKey is the stored lookup key of token, given mac, its keyed hash:
// for a token of NewOrderedToken, its selector, a dot and mac; for any other
// token (every token issued before ordered tokens) mac alone. A forged
// selector gains nothing: the key still holds the hash of the whole token.
func OrderedKey(token, mac string) string {
	if sel, ok := selectorOf(token); ok {
		return sel + "." + mac
	}
	return mac
}

// selectorOf returns the selector of an ordered token. Plain tokens have
// 43 characters, never orderedLen.
func selectorOf(token string) (string, bool) {
	if len(token) != orderedLen || token[selectorLen] != '_' {
		return "", false
	}
	sel := token[:selectorLen]
	if strings.Trim(sel, "0123456789abcdef") != "" {
		return "", false
	}
	return sel, true
}
