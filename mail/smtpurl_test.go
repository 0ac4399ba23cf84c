package mail

import (
	"strings"
	"testing"
)

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		raw  string
		want SMTPConfig
	}{
		{"smtp://mail.example.org", SMTPConfig{Host: "mail.example.org", Port: 587, TLS: TLSOpportunistic}},
		{"smtp://user:p%40ss@mail.example.org:25", SMTPConfig{Host: "mail.example.org", Port: 25, Username: "user", Password: "p@ss", TLS: TLSOpportunistic}},
		{"smtp://u:p@h:587?tls=starttls", SMTPConfig{Host: "h", Port: 587, Username: "u", Password: "p", TLS: TLSStartTLS}},
		{"smtp://h:2525?tls=none", SMTPConfig{Host: "h", Port: 2525, TLS: TLSNone}},
		{"smtp://h/?tls=opportunistic", SMTPConfig{Host: "h", Port: 587, TLS: TLSOpportunistic}},
		{"smtps://u:p@h", SMTPConfig{Host: "h", Port: 465, Username: "u", Password: "p", TLS: TLSImplicit}},
		{"smtps://h:1465", SMTPConfig{Host: "h", Port: 1465, TLS: TLSImplicit}},
		{"smtp://[::1]:25", SMTPConfig{Host: "::1", Port: 25, TLS: TLSOpportunistic}},
	}
	for _, tt := range tests {
		got, err := ParseSMTPURL(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("ParseSMTPURL(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
		}
	}
}

func TestParseSMTPURLErrors(t *testing.T) {
	tests := []struct{ raw, wantErr string }{
		{"http://h", `scheme "http"`},
		{"h:25", `scheme "h"`},
		{"mail.example.org", `scheme ""`},
		{"smtp://", "no host"},
		{"smtp://h:0", "port"},
		{"smtp://h:70000", "port"},
		{"smtp://h:abc", "cannot parse"},
		{"smtp://h?tls=yes", `tls="yes"`},
		{"smtp://h?tsl=none", `unknown parameter "tsl"`},
		{"smtps://h?tls=starttls", "always TLS"},
		{"smtp://h/inbox", "unexpected path"},
		{"smtp://u:se cret@h", "cannot parse"},
	}
	for _, tt := range tests {
		_, err := ParseSMTPURL(tt.raw)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseSMTPURL(%q) err = %v, want it to mention %q", tt.raw, err, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "se cret") {
			t.Errorf("error repeats the password: %v", err)
		}
	}
}
