package ldapsync

import (
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// syncedOU is a private subtree of n users already synced into a target.
func syncedOU(t *testing.T, n int) (string, Config, *fakeTarget, []string) {
	t.Helper()
	ou, admin := testOU(t)
	cfg := testConfig(t, ou)
	var dns []string
	for i := range n {
		dns = append(dns, ldaptest.AddPerson(t, admin, ou, "u"+strconv.Itoa(i), nil))
	}
	tg := newFakeTarget()
	if s := mustSync(t, cfg, tg); s.Created != n {
		t.Fatalf("setup sync %+v", s)
	}
	return ou, cfg, tg, dns
}

// wantStop asserts a *SafetyStop and that the target saw no write.
func wantStop(t *testing.T, err error, tg *fakeTarget, writesBefore int, overridable bool, reason string) {
	t.Helper()
	var stop *SafetyStop
	if !errors.As(err, &stop) {
		t.Fatalf("want *SafetyStop, got %v", err)
	}
	if !strings.Contains(stop.Reason, reason) {
		t.Errorf("reason %q, want it to mention %q", stop.Reason, reason)
	}
	if stop.Overridable != overridable {
		t.Errorf("overridable=%v, want %v (%v)", stop.Overridable, overridable, err)
	}
	if _, w := tg.state(); w != writesBefore {
		t.Fatalf("safety stop wrote: %d writes, want %d", w, writesBefore)
	}
}

func TestSafetyStops(t *testing.T) {
	ou, cfg, tg, dns := syncedOU(t, 10)
	admin := ldaptest.Dial(t, adminDN, adminPW)
	_, w := tg.state()

	t.Run("base does not exist", func(t *testing.T) {
		c := cfg
		c.Users.BaseDN = "ou=missing," + ou
		_, err := syncOnce(t, c, tg, full, force)
		wantStop(t, err, tg, w, false, "does not exist")
	})
	t.Run("directory down", func(t *testing.T) {
		c := cfg
		c.URL = "ldap://127.0.0.1:1"
		_, err := syncOnce(t, c, tg, full, force)
		wantStop(t, err, tg, w, false, "cannot be reached")
	})
	t.Run("wrong password", func(t *testing.T) {
		c := cfg
		c.BindPasswordFile, c.BindPasswordEnv = "", "PROVISIOND_TEST_WRONG_PW"
		t.Setenv("PROVISIOND_TEST_WRONG_PW", "nope")
		_, err := syncOnce(t, c, tg, full)
		wantStop(t, err, tg, w, false, "cannot be reached")
	})
	t.Run("search fails mid-stream", func(t *testing.T) {
		c := testConfig(t, suffix) // 200 users: the cut lands inside the user pages
		c.URL = "ldap://" + cuttingProxy(t, 40_000)
		_, err := syncOnce(t, c, tg, full, force)
		wantStop(t, err, tg, w, false, "failed")
	})
	t.Run("zero entries", func(t *testing.T) {
		c := cfg
		c.Users.Filter = "(uid=nobody-matches-this)"
		_, err := syncOnce(t, c, tg, full)
		wantStop(t, err, tg, w, true, "no users")
	})
	t.Run("referral", func(t *testing.T) {
		ldaptest.Add(t, admin, "ou=ref,ou=people,"+ou, map[string][]string{"objectClass": {"referral", "extensibleObject"},
			"ou": {"ref"}, "ref": {"ldap://127.0.0.1:1/ou=elsewhere," + suffix}})
		_, err := syncOnce(t, cfg, tg, full)
		wantStop(t, err, tg, w, true, "referral")
		if s := mustSync(t, cfg, tg, full, force); s.Read != 10 || s.Deleted != 0 {
			t.Fatalf("forced past referral: %+v", s)
		}
		ldaptest.DeleteTree(t, admin, "ou=ref,ou=people,"+ou)
		_, w = tg.state()
	})
	t.Run("threshold", func(t *testing.T) {
		ldaptest.Replace(t, admin, dns[0], "exampleAccountDisabled", "TRUE") // one suspension ...
		for _, dn := range dns[1:2] {                                        // ... plus one removal: 2 of 10 > 10%
			ldaptest.DeleteTree(t, admin, dn)
		}
		_, err := syncOnce(t, cfg, tg)
		wantStop(t, err, tg, w, true, "would deactivate")
		_, err = syncOnce(t, cfg, tg, full) // a full run is held by the same threshold
		wantStop(t, err, tg, w, true, "would deactivate")
		s := mustSync(t, cfg, tg, force)
		if s.Deleted != 1 || s.Suspended != 1 {
			t.Fatalf("forced run %+v", s)
		}
		// Force is for one run: the next stop is judged afresh.
		for _, dn := range dns[2:4] {
			ldaptest.DeleteTree(t, admin, dn)
		}
		_, w = tg.state()
		_, err = syncOnce(t, cfg, tg)
		wantStop(t, err, tg, w, true, "would deactivate")
	})
}

// cuttingProxy forwards to the test slapd and drops the connection after
// limit bytes from the server: a directory that dies in the middle of a read.
func cuttingProxy(t *testing.T, limit int64) string {
	t.Helper()
	target := ldaptest.URL(t)[len("ldap://"):]
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			go func() { _, _ = io.Copy(s, c); s.Close() }()
			go func() { _, _ = io.CopyN(c, s, limit); c.Close(); s.Close() }()
		}
	}()
	return l.Addr().String()
}

func TestDryRunWritesNothing(t *testing.T) {
	ou, cfg, tg, dns := syncedOU(t, 12)
	admin := ldaptest.Dial(t, adminDN, adminPW)
	ldaptest.Replace(t, admin, dns[0], "mail", "changed@example.org")
	ldaptest.DeleteTree(t, admin, dns[1])
	ldaptest.AddPerson(t, admin, ou, "newbie", nil)
	before, w := tg.state()
	s := mustSync(t, cfg, tg, dryRun)
	after, w2 := tg.state()
	if !s.DryRun || s.Created != 1 || s.Updated != 1 || s.Deleted != 1 || len(s.Sample) != 3 {
		t.Fatalf("dry run summary %+v", s)
	}
	if w2 != w || len(after) != len(before) {
		t.Fatalf("dry run wrote: %d -> %d writes", w, w2)
	}
	if s := mustSync(t, cfg, tg); s.Created != 1 || s.Updated != 1 || s.Deleted != 1 {
		t.Fatalf("real run after dry run %+v", s)
	}
}
