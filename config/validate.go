package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/provisiond/provisiond/clientip"
	"github.com/provisiond/provisiond/egress"
)

// Validate checks every setting and reports every problem at once.
func (c *Config) Validate() error {
	var p Problems
	bad := func(yamlKey, format string, args ...any) {
		for _, s := range Settings() {
			if s.YAML == yamlKey {
				p = append(p, s.name()+": "+fmt.Sprintf(format, args...))
				return
			}
		}
		p = append(p, yamlKey+": "+fmt.Sprintf(format, args...))
	}
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		bad("listen", "%q is not host:port", c.Listen)
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("baseURL", "%q is not an absolute http(s) URL", c.BaseURL)
	}
	switch {
	case strings.HasPrefix(c.DatabaseURL, "sqlite:"):
		if strings.TrimPrefix(strings.TrimPrefix(c.DatabaseURL, "sqlite:"), "//") == "" {
			bad("databaseURL", `sqlite URL needs a path, as in "sqlite:data/provisiond.db"`)
		}
	case strings.HasPrefix(c.DatabaseURL, "postgres://"), strings.HasPrefix(c.DatabaseURL, "postgresql://"):
		if u, err := url.Parse(c.DatabaseURL); err != nil || u.Host == "" {
			bad("databaseURL", "malformed PostgreSQL URL (expected postgres://user:pass@host:5432/db)")
		} else if c.SecretKey == "" {
			bad("secretKey", "required with PostgreSQL: every replica must share it (at least 32 characters)")
		}
	default:
		bad("databaseURL", `must start with "sqlite:" or "postgres://"`)
	}
	if c.SecretKey != "" && len(c.SecretKey) < 32 {
		bad("secretKey", "must be at least 32 characters (64 hex recommended)")
	}
	// An owner's API token: long enough that guessing it is out of reach.
	if c.BootstrapToken != "" && utf8.RuneCountInString(c.BootstrapToken) < 32 {
		bad("bootstrapToken", "must be at least 32 characters (e.g. openssl rand -hex 32)")
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "warning", "error":
	default:
		bad("logLevel", "%q is not debug, info, warn or error", c.LogLevel)
	}
	switch c.LogFormat {
	case "", "text", "json":
	default:
		bad("logFormat", "%q is not text or json", c.LogFormat)
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			bad("smtpURL", "expected smtp://[user:pass@]host[:port] or smtps://...")
		}
	}
	if c.AppURL != "" {
		if u, err := url.Parse(c.AppURL); err != nil || u.Scheme == "" || u.Host == "" {
			bad("appURL", "%q is not an absolute URL", c.AppURL)
		}
	}
	for _, d := range []struct {
		key string
		v   Duration
	}{{"inviteTTL", c.InviteTTL}, {"approvalTTL", c.ApprovalTTL}, {"purgeAfter", c.PurgeAfter},
		{"accessCodeTTL", c.AccessCodeTTL}, {"maintenanceEvery", c.MaintenanceEvery}} {
		if d.v <= 0 {
			bad(d.key, "must be positive")
		}
	}
	if c.PasswordMinLength < 8 || c.PasswordMinLength > 64 {
		bad("passwordMinLength", "must be between 8 and 64")
	}
	if c.SCIMRateLimit < 0 {
		bad("scimRateLimit", "must be 0 (off) or positive")
	}
	if c.SCIMRateBurst < 1 {
		bad("scimRateBurst", "must be at least 1")
	}
	if c.SCIMMaxBodySize < 1024 {
		bad("scimMaxBodyBytes", "must be at least 1024")
	}
	c.validateLDAPAllowList(bad)
	if _, err := clientip.Parse(c.TrustedProxies); err != nil {
		bad("trustedProxies", "%v", err)
	}
	if _, err := egress.ParseNetworks(c.WebhookAllowedNetworks); err != nil {
		bad("webhookAllowedNetworks", "%v", err)
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		bad("tlsCertFile", "tlsCertFile and tlsKeyFile go together")
	}
	if c.OIDCIssuer != "" && c.OIDCClientID == "" {
		bad("oidcClientID", "required when oidcIssuer is set")
	}
	if c.OIDCIssuer != "" && c.OIDCAdminEmails == "" && c.OIDCAdminGroups == "" {
		bad("oidcAdminEmails", "set oidcAdminEmails or oidcAdminGroups, or nobody can log in through OIDC")
	}
	if len(p) > 0 {
		return p
	}
	return nil
}
