package ui

import (
	"net/http/httptest"
	"testing"
)

func TestPick(t *testing.T) {
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
		{[]string{"fr;q=0, en"}, "en"},
	}
	for _, tt := range tests {
		if got := Pick(tt.in...); got != tt.want {
			t.Errorf("Pick(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The person's choice (the cookie) wins over the account's language and
// the browser's header; without it, candidates come before the header, whose
// q-values count.
func TestLang(t *testing.T) {
	tests := []struct {
		name, cookie, header string
		candidates           []string
		want                 string
	}{
		{"header q-values", "", "en;q=0.1, fr", nil, "fr"},
		{"cookie over header", "fr", "en", nil, "fr"},
		{"cookie over account", "en", "fr", []string{"fr-CA"}, "en"},
		{"account over header", "", "en", []string{"fr"}, "fr"},
		{"unknown cookie ignored", "xx", "fr", nil, "fr"},
		{"nothing", "", "", nil, "en"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/code", nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", CookieName+"="+tt.cookie)
		}
		r.Header.Set("Accept-Language", tt.header)
		if got := Lang(r, tt.candidates...); got != tt.want {
			t.Errorf("%s: Lang = %q, want %q", tt.name, got, tt.want)
		}
	}
}
