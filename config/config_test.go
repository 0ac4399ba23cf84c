package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaultsAreTheEmbeddedMode(t *testing.T) {
	c, err := Load("", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "sqlite:data/provisiond.db" || c.Listen != "127.0.0.1:8080" || c.BaseURL != "http://127.0.0.1:8080" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.InviteTTL.D() != 30*24*time.Hour || c.ApprovalTTL.D() != 60*24*time.Hour || c.PurgeAfter.D() != 365*24*time.Hour {
		t.Fatalf("timers: %v %v %v", c.InviteTTL, c.ApprovalTTL, c.PurgeAfter)
	}
}

func TestEnvWinsOverYAML(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte("listen: 127.0.0.1:9000\norgName: Acme\ninviteTTL: 7d\n"), 0o600)
	keyFile := filepath.Join(dir, "key")
	os.WriteFile(keyFile, []byte(strings.Repeat("k", 40)+"\n"), 0o600)
	c, err := Load(path, envOf(map[string]string{"PROVISIOND_LISTEN": "127.0.0.1:9100", "PROVISIOND_SECRET_KEY_FILE": keyFile}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9100" || c.OrgName != "Acme" || c.InviteTTL.D() != 7*24*time.Hour {
		t.Fatalf("got %+v", c)
	}
	if c.SecretKey != strings.Repeat("k", 40) {
		t.Fatalf("secret from file: %q (one trailing newline trimmed)", c.SecretKey)
	}
	if c.BaseURL != "http://127.0.0.1:9100" {
		t.Fatalf("base URL derived from listen: %q", c.BaseURL)
	}
}

// The message is part of the product: pin it.
func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte("listen: nope\nlogLevel: loud\nsmtpUrl: x\n"), 0o600)
	_, err := Load(path, envOf(map[string]string{
		"PROVISIOND_DATABASE_URL": "mysql://x",
		"PROVISIOND_SECRET_KEY":   "short",
		"PROVISIOND_INVITE_TTL":   "soon",
	}))
	want := `config: 6 problems:
  - config file ` + path + ` line 3: unknown key "smtpUrl"
  - inviteTTL (PROVISIOND_INVITE_TTL): "soon" is not a duration (like 30d, 12h or 90m)
  - listen (PROVISIOND_LISTEN): "nope" is not host:port
  - databaseURL (PROVISIOND_DATABASE_URL): must start with "sqlite:" or "postgres://"
  - secretKey (PROVISIOND_SECRET_KEY): must be at least 32 characters (64 hex recommended)
  - logLevel (PROVISIOND_LOG_LEVEL): "loud" is not debug, info, warn or error`
	if err == nil || err.Error() != want {
		t.Fatalf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("listen: [1, 2\n"), 0o600)
	cases := map[string]struct {
		path string
		env  map[string]string
		want string
	}{
		"missing file":      {filepath.Join(dir, "none.yaml"), nil, "config file: open"},
		"malformed yaml":    {bad, nil, "is not valid YAML"},
		"postgres no key":   {"", map[string]string{"PROVISIOND_DATABASE_URL": "postgres://u@h/db"}, "secretKey (PROVISIOND_SECRET_KEY): required with PostgreSQL"},
		"malformed pg url":  {"", map[string]string{"PROVISIOND_DATABASE_URL": "postgres://%zz"}, "databaseURL (PROVISIOND_DATABASE_URL): malformed"},
		"missing key file":  {"", map[string]string{"PROVISIOND_SECRET_KEY_FILE": "/nonexistent"}, "secretKeyFile (PROVISIOND_SECRET_KEY_FILE)"},
		"bad smtp":          {"", map[string]string{"PROVISIOND_SMTP_URL": "http://x"}, "smtpURL (PROVISIOND_SMTP_URL)"},
		"tls half":          {"", map[string]string{"PROVISIOND_TLS_CERT_FILE": "c.pem"}, "tlsCertFile"},
		"rate limit":        {"", map[string]string{"PROVISIOND_SCIM_RATE_LIMIT": "-1"}, "scimRateLimit"},
		"not a number":      {"", map[string]string{"PROVISIOND_SCIM_RATE_BURST": "lots"}, `"lots" is not a whole number`},
		"trusted proxies":   {"", map[string]string{"PROVISIOND_TRUSTED_PROXIES": "10.0.0.0/8, nope"}, "trustedProxies (PROVISIOND_TRUSTED_PROXIES): not a network or address: nope"},
		"webhook networks":  {"", map[string]string{"PROVISIOND_WEBHOOK_ALLOWED_NETWORKS": "10.0.0.0/8, 10.0.0.0/99"}, "webhookAllowedNetworks (PROVISIOND_WEBHOOK_ALLOWED_NETWORKS): not a network or address: 10.0.0.0/99"},
		"not a boolean":     {"", map[string]string{"PROVISIOND_METRICS_INTEGRATION_NAMES": "maybe"}, `"maybe" is not true or false`},
		"oidc without list": {"", map[string]string{"PROVISIOND_OIDC_ISSUER": "https://idp", "PROVISIOND_OIDC_CLIENT_ID": "x"}, "oidcAdminEmails"},
		"short bootstrap":   {"", map[string]string{"PROVISIOND_BOOTSTRAP_TOKEN": "change-me-admin-token"}, "bootstrapToken (PROVISIOND_BOOTSTRAP_TOKEN): must be at least 32 characters"},
		"ldap files dir":    {"", map[string]string{"PROVISIOND_LDAP_FILES_DIR": "secrets"}, "ldapFilesDir (PROVISIOND_LDAP_FILES_DIR): \"secrets\" must be an absolute directory"},
		"ldap files root":   {"", map[string]string{"PROVISIOND_LDAP_FILES_DIR": "/"}, "ldapFilesDir (PROVISIOND_LDAP_FILES_DIR)"},
		"ldap env prefix":   {"", map[string]string{"PROVISIOND_LDAP_ENV_PREFIX": "PROV"}, "ldapEnvPrefix (PROVISIOND_LDAP_ENV_PREFIX): \"PROV\" would let admins read PROVISIOND_LISTEN"},
		"ldap env name":     {"", map[string]string{"PROVISIOND_LDAP_ENV_PREFIX": "LDAP-"}, "is not the start of an environment variable name"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(tc.path, envOf(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSettingsTableCoversEveryField(t *testing.T) {
	for _, s := range Settings() {
		if s.Help == "" || !strings.HasPrefix(s.Env, EnvPrefix) {
			t.Errorf("setting %s lacks help or env name", s.YAML)
		}
	}
}
