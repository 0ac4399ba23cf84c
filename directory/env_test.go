package directory_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
)

// The directory is the test slapd of PROVISIOND_TEST_LDAP_URL (README: Tests; suffix
// dc=example,dc=org, gen-ldif.py data). Each test works in a private subtree
// it creates and removes, so the shared data stays as loaded.
const (
	suffix  = "dc=example,dc=org"
	adminDN = "cn=admin," + suffix
	syncDN  = "cn=syncbot,ou=services," + suffix
)

// ldapAdmin is a connection to the test directory bound as its admin.
func ldapAdmin(t testing.TB) *ldap.Conn {
	t.Helper()
	return ldaptest.Dial(t, adminDN, ldaptest.AdminPassword)
}

// ldapIntegration stores an LDAP integration over ou, with the bind password
// in a file, as `integration create --kind ldap` would.
func ldapIntegration(t testing.TB, s *store.Store, ou string, maxPct float64, autoInvite bool) *store.Integration {
	t.Helper()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("syncpw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := ldapsync.Config{URL: ldaptest.URL(t), BindDN: syncDN, BindPasswordFile: pw, MaxDeactivatePercent: &maxPct,
		Users:  ldapsync.UserSearch{BaseDN: "ou=people," + ou, DisabledFilter: "(exampleAccountDisabled=TRUE)"},
		Groups: ldapsync.GroupSearch{BaseDN: "ou=groups," + ou}}
	b, _ := json.Marshal(cfg)
	js := string(b)
	in := &store.Integration{Name: "corp-" + strings.TrimPrefix(strings.SplitN(ou, ",", 2)[0], "ou="), Kind: "ldap",
		AutoInvite: autoInvite, LDAPConfig: &js}
	if err := s.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return in
}

// invitingPolicy stands in for invite.Policy: it marks auto-invited
// accounts invited (what an issued invitation or access code does).
type invitingPolicy struct{ provisioned []string }

func (p *invitingPolicy) Provisioned(ctx context.Context, tx *store.Store, _ account.Actor, a *store.Account, in *store.Integration) error {
	if in == nil || !in.AutoInvite {
		return nil
	}
	p.provisioned = append(p.provisioned, a.UserName)
	return tx.SetAccountStatus(ctx, a.ID, store.StatusInvited)
}

func (p *invitingPolicy) Deactivated(context.Context, *store.Store, account.Actor, *store.Account) error {
	return nil
}

func (p *invitingPolicy) EmailChanged(context.Context, *store.Store, account.Actor, *store.Account, string) error {
	return nil
}
