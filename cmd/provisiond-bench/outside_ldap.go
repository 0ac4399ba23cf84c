package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
)

// ldapSync measures, on a fresh database, against the directory at
// o.ldapURL (gen-ldif.py -n 100000 in slapd, under o.ldapPeople and
// o.ldapGroups): a full `provisiond ldap-sync`
// (its own row), then o.ldapChanges changed entries, then the wall time of
// the incremental `provisiond ldap-sync` process that follows. The
// integration is the one of directory/'s BenchmarkLDAPSync100k, created by
// `provisiond integration create --kind ldap`.
func (o *outside) ldapSync(d store.Dialect) ([]result, error) {
	w, err := o.workspace(d, "ldap")
	if err != nil {
		return nil, err
	}
	defer w.remove()
	cfg, err := o.writeLDAPConfig(w.dir)
	if err != nil {
		return nil, err
	}
	env := w.settings()
	if _, err := o.cli(env, "integration", "create", "--name", "bench-ldap", "--kind", "ldap", "--ldap-config", cfg); err != nil {
		return nil, err
	}
	full, err := o.cli(env, "ldap-sync", "--integration", "bench-ldap", "--full")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(o.log, "== outside %s: %s (process %v)\n", d, lastLine(full.stdout), full.wall.Round(time.Millisecond))
	if err := o.changeEntries(); err != nil {
		return nil, err
	}
	inc, err := o.cli(env, "ldap-sync", "--integration", "bench-ldap")
	if err != nil {
		return nil, err
	}
	sum := lastLine(inc.stdout)
	fmt.Fprintf(o.log, "== outside %s: %s (process %v)\n", d, sum, inc.wall.Round(time.Millisecond))
	if want := fmt.Sprintf(", updated %d,", o.ldapChanges); !strings.HasPrefix(sum, "incremental") || !strings.Contains(sum, want) {
		return nil, fmt.Errorf("ldap-sync after %d changes: %q, want an incremental run that updated them", o.ldapChanges, sum)
	}
	return []result{
		row(d, "ldap-sync-full", full.peakKiB, map[string]float64{"full_sync_s": full.wall.Seconds()}),
		row(d, "ldap-sync-incremental", inc.peakKiB, map[string]float64{"incr_s": inc.wall.Seconds()}),
	}, nil
}

// writeLDAPConfig writes the bind password and an --ldap-config file over
// o.ldapPeople and o.ldapGroups, and returns the config's path.
func (o *outside) writeLDAPConfig(dir string) (string, error) {
	pw := filepath.Join(dir, "ldap-password")
	if err := os.WriteFile(pw, []byte(ldaptest.SyncPassword+"\n"), 0o600); err != nil {
		return "", err
	}
	cfg := fmt.Sprintf("url: %s\nbindDN: %s\nbindPasswordFile: %s\nusers:\n  baseDN: %s\n"+
		"  disabledFilter: (exampleAccountDisabled=TRUE)\nmaxDeactivatePercent: 10\n",
		o.ldapURL, ldaptest.SyncDN, pw, o.ldapPeople)
	if o.ldapGroups != "" {
		cfg += fmt.Sprintf("groups:\n  baseDN: %s\n", o.ldapGroups)
	}
	path := filepath.Join(dir, "ldap.yaml")
	return path, os.WriteFile(path, []byte(cfg), 0o600)
}

// changeEntries makes the LDAP benchmarks' change: new phone numbers.
func (o *outside) changeEntries() error {
	c, err := ldap.DialURL(o.ldapURL)
	if err != nil {
		return fmt.Errorf("ldap: %w", err)
	}
	defer c.Close()
	if err := c.Bind(ldaptest.AdminDN, ldaptest.AdminPassword); err != nil {
		return fmt.Errorf("ldap admin bind: %w", err)
	}
	return ldaptest.ChangePhones(c, o.ldapPeople, o.ldapChanges)
}
