package mail

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 8, 15, 23, 30, 0, 0, time.FixedZone("CEST", 2*3600)) // 21:30 UTC
	tests := []struct{ lang, date, datetime string }{
		{"en", "August 15, 2026", "August 15, 2026, 21:30 UTC"},
		{"fr", "15 août 2026", "15 août 2026 à 21:30 UTC"},
	}
	for _, tt := range tests {
		if got := formatDate(tt.lang, d); got != tt.date {
			t.Errorf("formatDate(%s) = %q, want %q", tt.lang, got, tt.date)
		}
		if got := formatDateTime(tt.lang, d); got != tt.datetime {
			t.Errorf("formatDateTime(%s) = %q, want %q", tt.lang, got, tt.datetime)
		}
		if formatDate(tt.lang, time.Time{}) != "" {
			t.Errorf("zero time not empty in %s", tt.lang)
		}
	}
}
