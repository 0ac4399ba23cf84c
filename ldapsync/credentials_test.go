package ldapsync

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A password given in memory is used for the bind but never serialised,
// and the YAML the admin API reads cannot carry one.
func TestBindPasswordStaysInMemory(t *testing.T) {
	c := Config{URL: "ldap://h", BindDN: "cn=a,dc=b", BindPassword: "s3cret", Users: UserSearch{BaseDN: "dc=b"}}
	if got, err := c.bindPassword(); err != nil || got != "s3cret" {
		t.Fatalf("bind password %q, %v", got, err)
	}
	js, err := c.Stored()
	if err != nil {
		t.Fatal(err)
	}
	y, _ := c.YAML()
	j, _ := json.Marshal(c)
	for _, out := range []string{js, y, string(j)} {
		if strings.Contains(out, "s3cret") {
			t.Fatalf("serialised with the password: %s", out)
		}
	}
	if _, err := ParseConfig([]byte("url: ldap://h\nbindPassword: s3cret\n")); err == nil {
		t.Fatal("YAML with bindPassword accepted")
	}
	both := c
	both.BindPasswordFile = "/run/secrets/ldap"
	if err := both.Validate(); err == nil || !strings.Contains(err.Error(), "give one bind password") {
		t.Fatalf("two sources: %v", err)
	}
}

// Every setting that decides where the password goes, or who can read it
// on the way, changes the credential scope; the rest does not.
func TestCredentialScope(t *testing.T) {
	base := Config{URL: "ldap://h:389", BindDN: "cn=a,dc=b", Users: UserSearch{BaseDN: "dc=b"}}
	for name, change := range map[string]func(*Config){
		"url":                func(c *Config) { c.URL = "ldap://other:389" },
		"bindDN":             func(c *Config) { c.BindDN = "cn=z,dc=b" },
		"startTLS":           func(c *Config) { c.StartTLS = true },
		"insecureSkipVerify": func(c *Config) { c.InsecureSkipVerify = true },
		"caFile":             func(c *Config) { c.CAFile = "/etc/ca.pem" },
		"caCertificate":      func(c *Config) { c.CACertificate = "-----BEGIN CERTIFICATE-----" },
	} {
		c := base
		change(&c)
		if c.CredentialScope() == base.CredentialScope() {
			t.Errorf("%s does not change the scope", name)
		}
	}
	c := base
	c.Users.BaseDN, c.Users.Filter, c.BindPassword, c.BindPasswordFile = "ou=x,dc=b", "(uid=*)", "pw", "/f"
	if c.CredentialScope() != base.CredentialScope() {
		t.Error("search settings or the password source changed the scope")
	}
}

// A secret file must be a small regular file: a device or a huge file fails
// the run instead of filling the memory.
func TestSecretFilesAreSmallRegularFiles(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big")
	os.WriteFile(big, make([]byte, maxSecretFile+1), 0o600)
	for path, want := range map[string]error{"/dev/zero": errNotRegular, t.TempDir(): errNotRegular, big: errTooLarge} {
		c := Config{BindPasswordFile: path}
		if _, err := c.bindPassword(); !errors.Is(err, want) {
			t.Errorf("bindPasswordFile %s: %v, want %v", path, err, want)
		}
		if _, err := tlsConfig(Config{CAFile: path}, "h"); !errors.Is(err, want) {
			t.Errorf("caFile %s: %v, want %v", path, err, want)
		}
	}
}

// The CA can be given as PEM content; it is checked at once.
func TestCACertificateContent(t *testing.T) {
	c := Config{URL: "ldaps://h", Users: UserSearch{BaseDN: "dc=b"}, CACertificate: "not a certificate"}
	c.ApplyDefaults()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "caCertificate: no PEM certificate") {
		t.Fatalf("bad PEM: %v", err)
	}
	c.CAFile = "/etc/ssl/ca.pem"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "caFile or caCertificate, not both") {
		t.Fatalf("both: %v", err)
	}
	var doc map[string]any
	y, _ := Config{CACertificate: "PEM"}.YAML()
	yaml.Unmarshal([]byte(y), &doc)
	if doc["caCertificate"] != "PEM" {
		t.Fatalf("YAML: %s", y)
	}
}
