package secret

import (
	"math"
	"strings"
	"testing"
)

func TestNewAccessCode(t *testing.T) {
	for _, c := range []string{"0", "O", "1", "I", "L", "U"} {
		if strings.Contains(AccessCodeAlphabet, c) {
			t.Errorf("alphabet contains look-alike %q", c)
		}
	}
	counts := map[rune]int{}
	const n = 4000
	seen := map[string]bool{}
	for range n {
		code := NewAccessCode()
		if len(code) != AccessCodeLength {
			t.Fatalf("len(%q) = %d", code, len(code))
		}
		if seen[code] {
			t.Fatalf("duplicate code %q", code)
		}
		seen[code] = true
		for _, r := range code {
			if !strings.ContainsRune(AccessCodeAlphabet, r) {
				t.Fatalf("code %q has %q outside the alphabet", code, r)
			}
			counts[r]++
		}
	}
	// Uniformity sanity check: chi-square over 30 symbols, 64,000 draws. The 0.9999 quantile
	// for 29 degrees of freedom is about 68; a modulo bias would land far above it.
	expected := float64(n*AccessCodeLength) / float64(len(AccessCodeAlphabet))
	var chi2 float64
	for _, r := range AccessCodeAlphabet {
		d := float64(counts[r]) - expected
		chi2 += d * d / expected
	}
	if chi2 > 68 || math.IsNaN(chi2) {
		t.Errorf("chi-square = %.1f over %d symbols: distribution looks biased", chi2, len(counts))
	}
}

func TestFormatAccessCode(t *testing.T) {
	if got := FormatAccessCode("ABCD2345EFGH6789"); got != "ABCD-2345-EFGH-6789" {
		t.Errorf("FormatAccessCode = %q", got)
	}
}

func TestNormalizeAccessCode(t *testing.T) {
	const raw = "ABCD2345EFGH6789"
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"ABCD-2345-EFGH-6789", raw, true},
		{"abcd 2345 efgh 6789", raw, true},
		{"  abcd2345efgh6789\t", raw, true},
		{"ABCD-2345-EFGH-6789-", raw, true},
		{"VVVV-VVVV-VVVV-VVVV", "VVVVVVVVVVVVVVVV", true},
		{"uuuu-UUUU-vvvv-VVVV", "VVVVVVVVVVVVVVVV", true}, // U is read as V
		{"ABCD-2345-EFGH-678", "", false},                 // too short
		{"ABCD-2345-EFGH-67899", "", false},               // too long
		{"ABCD-2345-EFGH-678O", "", false},                // O never issued
		{"ABCD-2345-EFGH-6780", "", false},                // 0 never issued
		{"ABCD-2345-EFGH-678I", "", false},
		{"ABCD-2345-EFGH-678l", "", false},
		{"ABCD-2345-EFGH-6781", "", false},
		{"ABCD_2345_EFGH_6789", "", false},
		{"ABCD-2345-EFGH-678é", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeAccessCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeAccessCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for range 100 {
		c := NewAccessCode()
		if got, ok := NormalizeAccessCode(strings.ToLower(FormatAccessCode(c))); !ok || got != c {
			t.Fatalf("round trip of %q gave %q, %v", c, got, ok)
		}
	}
}

func TestNewToken(t *testing.T) {
	a, b := NewToken(), NewToken()
	if len(a) != 43 || a == b || strings.ContainsAny(a, "+/=") {
		t.Errorf("NewToken gave %q and %q", a, b)
	}
	if p := NewPrefixedToken(SCIMTokenPrefix); !strings.HasPrefix(p, "pvd_") || len(p) != 47 {
		t.Errorf("NewPrefixedToken = %q", p)
	}
}
