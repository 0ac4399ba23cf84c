package secret

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestOrderedToken(t *testing.T) {
	at := time.UnixMilli(1796601600000) // 2026-12-07
	tok := NewOrderedToken(at)
	sel, secretPart, ok := strings.Cut(tok, "_")
	if !ok || sel != "1a24dccd800" || len(secretPart) != 43 || strings.Trim(tok, base64URL) != "" {
		t.Fatalf("token %q: selector %q, secret of %d characters", tok, sel, len(secretPart))
	}
	if NewOrderedToken(at) == tok {
		t.Fatal("two tokens of the same millisecond are equal")
	}
	if got := OrderedKey(tok, "mac"); got != sel+".mac" {
		t.Fatalf("OrderedKey = %q, want %q", got, sel+".mac")
	}
}

// TestOrderedKeysGrow: keys of later tokens sort after earlier ones, whatever
// their hashes: that is what keeps a bulk invite's index writes together.
func TestOrderedKeysGrow(t *testing.T) {
	k := newTestKeys(t, testMaster)
	start := time.UnixMilli(1796601600000)
	var keys []string
	for i := range 200 {
		tok := NewOrderedToken(start.Add(time.Duration(i) * time.Millisecond))
		keys = append(keys, OrderedKey(tok, k.HMAC(PurposeClaimToken, tok)))
	}
	if !sort.StringsAreSorted(keys) {
		t.Fatal("keys of tokens issued one millisecond apart are not in order")
	}
}

// TestOrderedKeyLegacyAndHostile: tokens without a well-formed selector (the
// plain tokens issued before, and anything a visitor types) are looked up by
// their hash alone, so they can never match an ordered token's key.
func TestOrderedKeyLegacyAndHostile(t *testing.T) {
	good := NewOrderedToken(time.UnixMilli(1796601600000))
	for _, tok := range []string{
		NewToken(),                             // a plain token, as issued before: 43 characters
		"",                                     // nothing
		"1a24dccd800_",                         // a selector and no secret
		good[:orderedLen-1],                    // a character short
		good + "A",                             // a character more
		strings.ToUpper(good[:11]) + good[11:], // upper case is not the selector's form
		"1a24dccd80g" + good[11:],              // not hex
		good[:11] + "." + good[12:],            // another separator
		"\x00" + good[1:],                      // a NUL in the selector
		"../../etc/passwd",                     // a path
		strings.Repeat("a", 1<<16),             // huge
	} {
		if got := OrderedKey(tok, "mac"); got != "mac" {
			t.Errorf("OrderedKey(%.40q) = %q, want the hash alone", tok, got)
		}
	}
}

const base64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
