package mail

import (
	"testing"
	"time"
)

func TestPickLanguage(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, "en"},
		{[]string{"fr"}, "fr"},
		{[]string{"fr-CA"}, "fr"},
		{[]string{"fr_FR"}, "fr"},
		{[]string{"FR-be"}, "fr"},
		{[]string{"", "fr"}, "fr"},
		{[]string{"de", "fr_CH"}, "fr"},
		{[]string{"en-GB", "fr"}, "en"},
		{[]string{"de-DE,fr;q=0.8,en;q=0.5"}, "fr"},
		{[]string{"french"}, "en"},
		{[]string{"es"}, "en"},
		{[]string{"en;q=0.1, fr"}, "fr"},
		{[]string{"de, en;q=0.2, fr;q=0.9"}, "fr"},
	}
	for _, tt := range tests {
		if got := PickLanguage(tt.in...); got != tt.want {
			t.Errorf("PickLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

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
