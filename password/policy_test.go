package password

import (
	"errors"
	"strings"
	"testing"
)

func TestPolicyCheck(t *testing.T) {
	const good = "purple elephant dances quietly"
	tests := []struct {
		name    string
		policy  Policy
		pw      string
		context []string
		want    error
	}{
		{"good passphrase", Policy{}, good, nil, nil},
		{"no composition rules", Policy{}, "all lower case words here", nil, nil},
		{"14 chars", Policy{}, "abcdefghijklmn", nil, ErrTooShort},
		{"15 chars", Policy{}, "zebra mango kiw", nil, nil},
		{"counts code points not bytes", Policy{}, strings.Repeat("é", 7) + "xyzwvuts", nil, nil},
		{"emoji count once", Policy{}, strings.Repeat("🔑", 14), nil, ErrTooShort},
		{"129 chars", Policy{}, strings.Repeat("ab", 64) + "c", nil, ErrTooLong},
		{"128 chars", Policy{}, strings.Repeat("abcdefgh", 16), nil, nil},
		{"max below 64 raised", Policy{MaxLength: 20}, strings.Repeat("abcdefgh", 8), nil, nil},
		{"min below 8 raised", Policy{MinLength: 4}, "sevnchr", nil, ErrTooShort},
		{"min 8", Policy{MinLength: 8}, "kj4#mqz9", nil, nil},
		{"common", Policy{MinLength: 8}, "password123", nil, ErrCommon},
		{"common any case", Policy{MinLength: 8}, "PassWord123", nil, ErrCommon},
		{"common long", Policy{}, "passwordpassword", nil, ErrCommon},
		{"keyboard walk", Policy{}, "qwertyuiopqwerty", nil, ErrCommon},
		{"digit run", Policy{}, "123456789012345", nil, ErrCommon},
		{"french", Policy{MinLength: 8}, "Motdepasse2024", nil, ErrCommon},
		{"one char repeated", Policy{}, strings.Repeat("z", 20), nil, ErrCommon},
		{"one rune repeated", Policy{}, strings.Repeat("ж", 20), nil, ErrCommon},
		{"email", Policy{}, "alice.martin@example.org!", []string{"alice.martin@example.org"}, ErrContainsContext},
		{"email local part", Policy{}, "my name is alice.martin ok", []string{"Alice.Martin@example.org"}, ErrContainsContext},
		{"name part", Policy{}, "xx MARTIN forever and ever", []string{"alice.martin@example.org"}, ErrContainsContext},
		{"user name", Policy{}, "jdoe-rocks-the-house", []string{"jdoe"}, ErrContainsContext},
		{"short context ignored", Policy{}, good, []string{"al", "", "da"}, nil},
		{"unrelated context", Policy{}, good, []string{"bob@example.org", "Bob Smith"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Check(tt.pw, tt.context...)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Check = %v, want %v", err, tt.want)
			}
			var pe *PolicyError
			if !errors.As(err, &pe) || strings.Contains(err.Error(), tt.pw) {
				t.Errorf("error %q is not a PolicyError or leaks the password", err)
			}
		})
	}
}

func TestPolicyErrorBounds(t *testing.T) {
	var pe *PolicyError
	if err := (Policy{}).Check("short"); !errors.As(err, &pe) || pe.Min != 15 || pe.Max != 128 || pe.Code != "too_short" {
		t.Errorf("Check(short) = %#v", err)
	}
}

func TestCommonListLoaded(t *testing.T) {
	if len(common()) < 2000 {
		t.Fatalf("blocklist has %d entries, want thousands", len(common()))
	}
	for w := range common() {
		if w != strings.ToLower(w) || strings.TrimSpace(w) != w {
			t.Fatalf("entry %q not normalised", w)
		}
	}
}
