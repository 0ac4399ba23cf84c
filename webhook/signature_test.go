package webhook_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/webhook"
)

func TestSignVerify(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	body := []byte(`{"type":"account.created"}`)
	good := webhook.Sign("whsec_x", now, body)
	if !strings.HasPrefix(good, "t=1700000000,v1=") || len(good) != len("t=1700000000,v1=")+64 {
		t.Fatalf("Sign = %q", good)
	}
	tests := []struct {
		name, secret, header string
		body                 []byte
		at                   time.Time
		ok                   bool
	}{
		{"valid", "whsec_x", good, body, now, true},
		{"within tolerance", "whsec_x", good, body, now.Add(4 * time.Minute), true},
		{"rotation: second v1 matches", "whsec_x", "t=1700000000,v1=00," + good[len("t=1700000000,"):], body, now, true},
		{"stale", "whsec_x", good, body, now.Add(6 * time.Minute), false},
		{"wrong secret", "whsec_y", good, body, now, false},
		{"body changed", "whsec_x", good, []byte(`{"type":"account.deleted"}`), now, false},
		{"no timestamp", "whsec_x", good[len("t=1700000000,"):], body, now, false},
		{"empty", "whsec_x", "", body, now, false},
	}
	for _, tt := range tests {
		err := webhook.Verify(tt.secret, tt.header, tt.body, 5*time.Minute, tt.at)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, webhook.ErrSignature)) {
			t.Errorf("%s: Verify = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
