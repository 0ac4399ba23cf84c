package password

import (
	"errors"
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	const pw = "correct horse battery staple ✓"
	h, err := Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q lacks the OWASP argon2id PHC prefix", h)
	}
	if h2, _ := Hash(pw); h2 == h {
		t.Error("two hashes of one password are equal: salt not random")
	}
	if strings.Contains(h, pw) {
		t.Error("hash contains the password")
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{pw, true},
		{pw + " ", false},
		{strings.ToUpper(pw), false},
		{"", false},
	}
	for _, tt := range tests {
		if got, err := Verify(h, tt.pw); err != nil || got != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
		}
	}
	if NeedsRehash(h) {
		t.Error("fresh hash needs rehash")
	}
}

func TestVerifyOldParameters(t *testing.T) {
	// m=4096,t=3,p=1 over "hunter2" with salt "c29tZXNhbHQ": made with argon2.IDKey, as
	// an older configuration would have stored it. It must still verify, and want a rehash.
	const old = "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$ijyS2fYUCqp75kqw37u7DU8GEUv1XPcx7gwjXSThzS8"
	ok, err := Verify(old, "hunter2")
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Error("old-parameter hash does not verify")
	}
	if !NeedsRehash(old) {
		t.Error("old-parameter hash does not need a rehash")
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, _ := Hash("x")
	parts := strings.Split(good, "$")
	for _, h := range []string{
		"",
		"plaintext",
		"$2a$10$abcdefghijklmnopqrstuu", // bcrypt
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=19456", "m=99999999", 1), // would allocate ~100 GB
		strings.Replace(good, "t=2", "t=0", 1),
		strings.Replace(good, "p=1", "p=1x", 1),
		"$argon2id$v=19$" + parts[3] + "$!!!$" + parts[5],
		"$argon2id$v=19$" + parts[3] + "$" + parts[4] + "$",
	} {
		ok, err := Verify(h, "x")
		if ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformedHash", h, ok, err)
		}
		if !NeedsRehash(h) {
			t.Errorf("NeedsRehash(%q) = false", h)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		_, _ = Hash("correct horse battery staple")
	}
}
