package ldapsync

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfigDefaults(t *testing.T) {
	c, err := ParseConfig([]byte(`
url: ldap://dir.example.org
bindDN: cn=sync,dc=example,dc=org
bindPasswordEnv: LDAP_PW
users:
  baseDN: ou=people,dc=example,dc=org
  attributes:
    email: mailPrimaryAddress
interval: 15m
`))
	if err != nil {
		t.Fatal(err)
	}
	c.ApplyDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	a := c.Users.Attributes
	if a[FieldUserName] != "uid" || a[FieldExternalID] != "entryUUID" || a[FieldEmail] != "mailPrimaryAddress" ||
		a[FieldDisplayName] != "displayName|cn" || c.MaxDeactivate() != 10 || c.Users.Filter != "(objectClass=inetOrgPerson)" ||
		c.Interval.Minutes() != 15 {
		t.Fatalf("defaults: %+v", c)
	}
	b, _ := json.Marshal(c)
	if strings.Contains(string(b), `"bindPassword"`) || !strings.Contains(string(b), `"bindPasswordEnv":"LDAP_PW"`) {
		t.Fatalf("config JSON: %s", b)
	}

	ad, _ := ParseConfig([]byte("activeDirectory: true\n"))
	ad.ApplyDefaults()
	if ad.Users.Attributes[FieldUserName] != "sAMAccountName" || ad.Users.Attributes[FieldExternalID] != "objectGUID" ||
		!strings.Contains(ad.Users.DisabledFilter, "1.2.840.113556.1.4.803:=2") {
		t.Fatalf("AD preset: %+v", ad.Users)
	}
}

func TestParseConfigRejectsUnknownKeys(t *testing.T) {
	if _, err := ParseConfig([]byte("url: ldap://x\nusers:\n  basedn: ou=x\n")); err == nil || !strings.Contains(err.Error(), "basedn") {
		t.Fatalf("want unknown-key error naming basedn, got %v", err)
	}
}

// TestValidateListsEveryProblem pins one line per bad key, all at once.
func TestValidateListsEveryProblem(t *testing.T) {
	pct := 150.0
	c := Config{URL: "http://x", StartTLS: true, BindDN: "not a dn", CAFile: "/nonexistent/ca.pem",
		Users:  UserSearch{Filter: "(uid=x", Attributes: map[string]string{"colour": "c", FieldEmail: "bad attr!"}},
		Groups: GroupSearch{BaseDN: "ou=g,dc=x", Filter: "nope", MemberAttribute: "member"}, MaxDeactivatePercent: &pct, Interval: 1}
	c.ApplyDefaults()
	err := c.Validate()
	want := []string{"url:", "caFile:", "bindDN:", "bindPasswordFile:", "users.baseDN:", "users.filter:",
		"users.attributes.colour:", "users.attributes.email:", "groups.filter:", "interval:", "maxDeactivatePercent:"}
	ve, ok := err.(*ValidationError)
	if !ok || len(ve.Problems) != len(want) {
		t.Fatalf("got %v, want %d problems", err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(ve.Problems[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, ve.Problems[i], w)
		}
	}
}

func TestBindPasswordFileTrimsOneNewline(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pw")
	for in, want := range map[string]string{"s3cret\n": "s3cret", "s3cret\r\n": "s3cret", "s3cret \n\n": "s3cret \n", "s3cret": "s3cret"} {
		if err := os.WriteFile(p, []byte(in), 0o600); err != nil {
			t.Fatal(err)
		}
		c := Config{BindPasswordFile: p}
		if got, err := c.bindPassword(); err != nil || got != want {
			t.Errorf("file %q: got %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestGUIDString(t *testing.T) {
	b := []byte{0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}
	if got := guidString(b); got != "00112233-4455-6677-8899-aabbccddeeff" {
		t.Fatalf("guid %s", got)
	}
}
