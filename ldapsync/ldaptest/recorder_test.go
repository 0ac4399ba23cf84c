package ldaptest

import (
	"errors"
	"testing"

	"github.com/go-ldap/ldap/v3"
)

// The recorder sees go-ldap's simple bind and refuses it as a directory
// refuses a wrong password.
func TestBindRecorderSeesSimpleBind(t *testing.T) {
	r := NewBindRecorder(t)
	conn, err := ldap.DialURL(r.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Bind("cn=sync,dc=example,dc=org", "s3cret")
	if !ldap.IsErrorWithCode(err, ldap.LDAPResultInvalidCredentials) {
		t.Fatalf("bind: %v", err)
	}
	var le *ldap.Error
	if !errors.As(err, &le) {
		t.Fatalf("not an LDAP error: %v", err)
	}
	b := r.WaitForBinds(t, 1)
	if b[0].DN != "cn=sync,dc=example,dc=org" || b[0].Password != "s3cret" {
		t.Fatalf("recorded %+v", b)
	}
}
