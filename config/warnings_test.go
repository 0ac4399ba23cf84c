package config

import (
	"strings"
	"testing"
)

// TestWarnings: serve's start-up warnings name what is missing, and only
// that: the embedded default on loopback warns only of the missing SMTP.
func TestWarnings(t *testing.T) {
	for _, c := range []struct {
		name string
		set  func(*Config)
		want []string // a fragment of each warning, in order
	}{
		{"embedded default", func(*Config) {}, []string{"smtpURL"}},
		{"all listen, no base URL", func(c *Config) { c.Listen = "0.0.0.0:8080" },
			[]string{"baseURL (PROVISIOND_BASE_URL) is http://localhost:8080", "smtpURL"}},
		{"public http base URL", func(c *Config) { c.Listen, c.BaseURL = "0.0.0.0:8080", "http://provision.example.com" },
			[]string{"is not https", "smtpURL"}},
		{"SMTP with default sender and name", func(c *Config) {
			c.Listen, c.BaseURL, c.SMTPURL = "0.0.0.0:8080", "https://provision.example.com", "smtp://mail.example.com:587"
		}, []string{"mailFrom", "orgName"}},
		{"all set", func(c *Config) {
			c.Listen, c.BaseURL, c.SMTPURL = "0.0.0.0:8080", "https://provision.example.com", "smtp://mail.example.com:587"
			c.MailFrom, c.OrgName = "it@example.com", "Example"
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := Default()
			c.set(&cfg)
			cfg.finish()
			got := cfg.Warnings()
			if len(got) != len(c.want) {
				t.Fatalf("warnings %q, want %d", got, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d %q lacks %q", i, got[i], w)
				}
			}
		})
	}
}

// TestPublicHTTPS: only an https base URL on a host other machines can
// reach counts as public (what the console's token page warns about).
func TestPublicHTTPS(t *testing.T) {
	for base, want := range map[string]bool{
		"https://provision.example.com":      true,
		"https://provision.example.com:8443": true,
		"http://provision.example.com":       false,
		"https://localhost:8443":             false,
		"https://127.0.0.1":                  false,
		"https://[::1]:8443":                 false,
		"http://127.0.0.1:8080":              false,
	} {
		c := Config{BaseURL: base}
		if got := c.PublicHTTPS(); got != want {
			t.Errorf("%s: public https %v, want %v", base, got, want)
		}
	}
}
