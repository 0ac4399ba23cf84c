package secret

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const testMaster = "0123456789abcdef0123456789abcdef-test"

func newTestKeys(t *testing.T, master string) *Keys {
	t.Helper()
	k, err := NewKeys(master)
	if err != nil {
		t.Fatalf("NewKeys: %v", err)
	}
	return k
}

func TestNewKeysRejectsShortMaster(t *testing.T) {
	for _, m := range []string{"", "short", strings.Repeat("x", 31)} {
		if _, err := NewKeys(m); !errors.Is(err, ErrShortMasterKey) {
			t.Errorf("NewKeys(%d chars) = %v, want ErrShortMasterKey", len(m), err)
		}
	}
	if _, err := NewKeys(strings.Repeat("x", 32)); err != nil {
		t.Errorf("NewKeys(32 chars): %v", err)
	}
}

func TestHMAC(t *testing.T) {
	k := newTestKeys(t, testMaster)
	a := k.HMAC(PurposeClaimToken, "value")
	// Pinned so that a change of derivation, which would orphan every stored lookup hash,
	// cannot slip through unnoticed.
	const want = "d70240e3749e152e68aad4927a55d97e29d9851cc47b70ac8a20d7004ddbd7a4"
	if a != want {
		t.Fatalf("HMAC = %s, want pinned %s", a, want)
	}
	if got := newTestKeys(t, testMaster).HMAC(PurposeClaimToken, "value"); got != a {
		t.Fatalf("HMAC not stable across Keys: %s vs %s", got, a)
	}
	if len(a) != 64 {
		t.Errorf("HMAC length = %d, want 64 hex chars", len(a))
	}
	tests := []struct {
		name         string
		purpose, val string
		keys         *Keys
	}{
		{"other purpose", PurposeLinkToken, "value", k},
		{"other value", PurposeClaimToken, "value2", k},
		{"other master", PurposeClaimToken, "value", newTestKeys(t, testMaster+"!")},
	}
	for _, tt := range tests {
		if got := tt.keys.HMAC(tt.purpose, tt.val); got == a {
			t.Errorf("%s: HMAC collides with base case", tt.name)
		}
	}
}

func TestTokenHash(t *testing.T) {
	// SHA-256("abc"), FIPS 180-2 test vector.
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := TokenHash("abc"); got != want {
		t.Errorf("TokenHash(abc) = %s, want %s", got, want)
	}
}

func TestSealOpen(t *testing.T) {
	k := newTestKeys(t, testMaster)
	pt := []byte("ABCD2345EFGH6789")
	sealed, err := k.Seal(pt, "account-1")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, pt) {
		t.Fatal("sealed output contains the plaintext")
	}
	again, _ := k.Seal(pt, "account-1")
	if bytes.Equal(sealed, again) {
		t.Error("two seals of the same plaintext are equal: nonce not random")
	}
	got, err := k.Open(sealed, "account-1")
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("Open = %q, %v; want %q", got, err, pt)
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	tests := []struct {
		name   string
		keys   *Keys
		sealed []byte
		aad    string
	}{
		{"tampered", k, flipped, "account-1"},
		{"other aad", k, sealed, "account-2"},
		{"other key", newTestKeys(t, testMaster+"!"), sealed, "account-1"},
		{"truncated", k, sealed[:10], "account-1"},
		{"empty", k, nil, "account-1"},
	}
	for _, tt := range tests {
		if _, err := tt.keys.Open(tt.sealed, tt.aad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("%s: Open err = %v, want ErrDecrypt", tt.name, err)
		}
	}
}

func TestEqual(t *testing.T) {
	if !Equal("abc", "abc") || Equal("abc", "abd") || Equal("abc", "ab") {
		t.Error("Equal gives wrong answers")
	}
}
