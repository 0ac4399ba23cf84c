package mail

import (
	"fmt"
	"net/url"
	"strconv"
)

// TLSMode says how the connection to the SMTP server is protected.
type TLSMode string

// TLS modes, chosen by the URL scheme and its tls parameter.
const (
	TLSOpportunistic TLSMode = "opportunistic" // smtp:// : STARTTLS when offered, plain otherwise
	TLSStartTLS      TLSMode = "starttls"      // smtp://...?tls=starttls : STARTTLS or fail
	TLSImplicit      TLSMode = "implicit"      // smtps:// : TLS from the first byte
	TLSNone          TLSMode = "none"          // smtp://...?tls=none : never encrypt (local relays)
)

// SMTPConfig is a parsed PROVISIOND_SMTP_URL.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	TLS      TLSMode
}

// ParseSMTPURL parses smtp://[user:pass@]host[:port][?tls=starttls|none|opportunistic] or
// smtps://[user:pass@]host[:port]. The port defaults to 587 for smtp (submission) and 465
// for smtps. Errors never repeat the URL, which may hold a password.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, fmt.Errorf("mail: smtp url: cannot parse (check that special characters in the password are percent-encoded)")
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.Port, c.TLS = 587, TLSOpportunistic
	case "smtps":
		c.Port, c.TLS = 465, TLSImplicit
	default:
		return SMTPConfig{}, fmt.Errorf("mail: smtp url: scheme %q not supported, use smtp:// or smtps://", u.Scheme)
	}
	if c.Host = u.Hostname(); c.Host == "" {
		return SMTPConfig{}, fmt.Errorf("mail: smtp url: no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, fmt.Errorf("mail: smtp url: port %q out of range 1-65535", p)
		}
		c.Port = n
	}
	if u.Path != "" && u.Path != "/" {
		return SMTPConfig{}, fmt.Errorf("mail: smtp url: unexpected path %q", u.Path)
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	for key, vals := range u.Query() {
		if key != "tls" {
			return SMTPConfig{}, fmt.Errorf("mail: smtp url: unknown parameter %q (only tls is known)", key)
		}
		mode := TLSMode(vals[len(vals)-1])
		switch {
		case mode != TLSOpportunistic && mode != TLSStartTLS && mode != TLSNone:
			return SMTPConfig{}, fmt.Errorf("mail: smtp url: tls=%q, want starttls, none or opportunistic", mode)
		case c.TLS == TLSImplicit:
			return SMTPConfig{}, fmt.Errorf("mail: smtp url: smtps:// is always TLS; tls=%s applies to smtp:// only", mode)
		}
		c.TLS = mode
	}
	return c, nil
}
