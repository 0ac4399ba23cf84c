package config

import (
	"fmt"
	"strings"
	"time"
)

// Config is every setting of provisiond. The yaml tag is the YAML key; the
// env tag is the suffix after PROVISIOND_; secret:"file" adds a *File / _FILE twin.
type Config struct {
	Listen         string `yaml:"listen" env:"LISTEN" help:"address the HTTP server listens on"`
	BaseURL        string `yaml:"baseURL" env:"BASE_URL" help:"public URL; links in mail are built from it (default: derived from listen)"`
	DataDir        string `yaml:"dataDir" env:"DATA_DIR" help:"directory for the SQLite file and the generated secret key"`
	DatabaseURL    string `yaml:"databaseURL" env:"DATABASE_URL" secret:"file" help:"sqlite:PATH or postgres://... (default sqlite:<dataDir>/provisiond.db)"`
	SecretKey      string `yaml:"secretKey" env:"SECRET_KEY" secret:"file" help:"at least 32 characters; generated into the data dir on SQLite when unset"`
	BootstrapToken string `yaml:"bootstrapToken" env:"BOOTSTRAP_TOKEN" secret:"file" help:"at least 32 characters; becomes the owner's admin API token when no active admin token exists and this one was never revoked (provisiond admin token revoke)"`
	LogLevel       string `yaml:"logLevel" env:"LOG_LEVEL" help:"debug, info, warn or error"`
	LogFormat      string `yaml:"logFormat" env:"LOG_FORMAT" help:"text or json (default: text on a terminal, json otherwise)"`

	SMTPURL  string `yaml:"smtpURL" env:"SMTP_URL" secret:"file" help:"smtp://user:pass@host:587[?tls=starttls|none] or smtps://...; unset: no mail, admins copy links"`
	MailFrom string `yaml:"mailFrom" env:"MAIL_FROM" help:"From address of outgoing mail"`
	OrgName  string `yaml:"orgName" env:"ORG_NAME" help:"organisation name shown in mail and pages"`
	AppURL   string `yaml:"appURL" env:"APP_URL" help:"where claimed users are sent after setting their password"`

	RegistrationNotify string `yaml:"registrationNotify" env:"REGISTRATION_NOTIFY" help:"address told of every claim/sign-up (empty: none)"`

	InviteTTL         Duration `yaml:"inviteTTL" env:"INVITE_TTL" help:"a sent invitation expires this long after first sent"`
	ApprovalTTL       Duration `yaml:"approvalTTL" env:"APPROVAL_TTL" help:"an invitation waiting for approval expires this long after creation"`
	PurgeAfter        Duration `yaml:"purgeAfter" env:"PURGE_AFTER" help:"invitation records are purged this long after creation"`
	AccessCodeTTL     Duration `yaml:"accessCodeTTL" env:"ACCESS_CODE_TTL" help:"access codes expire after this"`
	MaintenanceEvery  Duration `yaml:"maintenanceEvery" env:"MAINTENANCE_EVERY" help:"how often serve runs the expiry and purge jobs"`
	PasswordMinLength int      `yaml:"passwordMinLength" env:"PASSWORD_MIN_LENGTH" help:"minimum password length (NIST 800-63B: 15 when single factor)"`

	SCIMRateLimit   float64 `yaml:"scimRateLimit" env:"SCIM_RATE_LIMIT" help:"SCIM requests per second per integration (0 disables)"`
	SCIMRateBurst   int     `yaml:"scimRateBurst" env:"SCIM_RATE_BURST" help:"SCIM burst size per integration"`
	SCIMMaxBodySize int64   `yaml:"scimMaxBodyBytes" env:"SCIM_MAX_BODY_BYTES" help:"largest SCIM request body accepted"`

	OIDCIssuer       string `yaml:"oidcIssuer" env:"OIDC_ISSUER" help:"OpenID provider for console login"`
	OIDCClientID     string `yaml:"oidcClientID" env:"OIDC_CLIENT_ID" help:"console login client id"`
	OIDCClientSecret string `yaml:"oidcClientSecret" env:"OIDC_CLIENT_SECRET" secret:"file" help:"console login client secret"`
	OIDCAdminEmails  string `yaml:"oidcAdminEmails" env:"OIDC_ADMIN_EMAILS" help:"comma-separated emails admitted to the console (only with email_verified: true; matched exactly but for ASCII case)"`
	OIDCAdminGroups  string `yaml:"oidcAdminGroups" env:"OIDC_ADMIN_GROUPS" help:"comma-separated groups claim values admitted to the console"`

	WebhookAllowedNetworks  string `yaml:"webhookAllowedNetworks" env:"WEBHOOK_ALLOWED_NETWORKS" help:"comma-separated internal networks webhook endpoints may reach (e.g. 10.20.0.0/16); empty: public addresses only"`
	MetricsIntegrationNames bool   `yaml:"metricsIntegrationNames" env:"METRICS_INTEGRATION_NAMES" help:"label /metrics series with integration names as well as ids"`
	LDAPFilesDir            string `yaml:"ldapFilesDir" env:"LDAP_FILES_DIR" help:"absolute directory whose files LDAP settings made in the admin API or console may name (bindPasswordFile, caFile); empty: none"`
	LDAPEnvPrefix           string `yaml:"ldapEnvPrefix" env:"LDAP_ENV_PREFIX" help:"prefix of the environment variables LDAP settings made in the admin API or console may name (bindPasswordEnv); empty: none"`

	TrustedProxies string `yaml:"trustedProxies" env:"TRUSTED_PROXIES" help:"comma-separated networks of the load balancers in front; throttles then key clients by X-Forwarded-For (empty: the connection address)"`

	TLSCertFile string `yaml:"tlsCertFile" env:"TLS_CERT_FILE" help:"serve HTTPS with this certificate"`
	TLSKeyFile  string `yaml:"tlsKeyFile" env:"TLS_KEY_FILE" help:"private key for tlsCertFile"`

	// File twins of secret settings; filled by Load, documented by the table.
	files map[string]string
}

// Default returns the embedded-mode defaults.
func Default() Config {
	return Config{
		Listen:            "127.0.0.1:8080",
		DataDir:           "data",
		LogLevel:          "info",
		OrgName:           "provisiond",
		InviteTTL:         Duration(30 * 24 * time.Hour),
		ApprovalTTL:       Duration(60 * 24 * time.Hour),
		PurgeAfter:        Duration(365 * 24 * time.Hour),
		AccessCodeTTL:     Duration(90 * 24 * time.Hour),
		MaintenanceEvery:  Duration(time.Hour),
		PasswordMinLength: 15,
		SCIMRateLimit:     100,
		SCIMRateBurst:     200,
		SCIMMaxBodySize:   1 << 20,
	}
}

// finish derives settings that default from others.
func (c *Config) finish() {
	if c.DatabaseURL == "" {
		c.DatabaseURL = "sqlite:" + strings.TrimSuffix(c.DataDir, "/") + "/provisiond.db"
	}
	if c.BaseURL == "" {
		c.BaseURL = baseURLFromListen(c.Listen, c.TLSCertFile != "")
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.MailFrom == "" {
		c.MailFrom = "provisiond@localhost"
	}
}

func baseURLFromListen(listen string, tls bool) string {
	scheme := "http"
	if tls {
		scheme = "https"
	}
	host := listen
	switch {
	case strings.HasPrefix(host, ":"):
		host = "localhost" + host
	case strings.HasPrefix(host, "0.0.0.0:"):
		host = "localhost" + strings.TrimPrefix(host, "0.0.0.0")
	case strings.HasPrefix(host, "[::]:"):
		host = "localhost" + strings.TrimPrefix(host, "[::]")
	}
	return fmt.Sprintf("%s://%s", scheme, host)
}

// BaseURLDerived reports whether BaseURL was not configured but derived
// from listen (a shell without the server's environment).
func (c *Config) BaseURLDerived() bool {
	return c.BaseURL == baseURLFromListen(c.Listen, c.TLSCertFile != "")
}

// Embedded reports whether the database is the embedded SQLite.
func (c *Config) Embedded() bool { return strings.HasPrefix(c.DatabaseURL, "sqlite:") }

// MailEnabled reports whether outgoing mail is configured.
func (c *Config) MailEnabled() bool { return c.SMTPURL != "" }
