package ldapsync

import (
	"strings"
	"testing"
)

func TestStoredValidatesAndRoundTrips(t *testing.T) {
	c, err := ParseConfig([]byte("url: ldap://127.0.0.1:3389\nbindDN: cn=syncbot,ou=services,dc=example,dc=org\nbindPasswordFile: /run/secrets/ldap\nusers:\n  baseDN: ou=people,dc=example,dc=org\ninterval: 15m\n"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := c.Stored()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js, "uid") {
		t.Fatalf("defaults must not be frozen into the stored settings: %s", js)
	}
	y, err := c.YAML()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseConfig([]byte(y))
	if err != nil || back.URL != c.URL || back.Interval != c.Interval || back.Users.BaseDN != c.Users.BaseDN {
		t.Fatalf("YAML round trip: %+v %v\n%s", back, err, y)
	}
	if _, err := (Config{URL: "http://x"}).Stored(); err == nil || !strings.Contains(err.Error(), "url") {
		t.Fatalf("bad settings: %v", err)
	}
}
