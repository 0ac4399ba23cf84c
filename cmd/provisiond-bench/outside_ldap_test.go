package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestOutsideLDAP runs the ldap-sync measure as make bench does (a full
// `provisiond ldap-sync` process, changed phones, the incremental process),
// over 20 people and 5 changes in a private subtree of the test directory
// (PROVISIOND_TEST_LDAP_URL), on SQLite and PostgreSQL when configured. The
// measure itself fails unless the incremental run updated exactly the
// changed people.
func TestOutsideLDAP(t *testing.T) {
	url := ldaptest.URL(t)
	ou := ldaptest.PrivateSubtree(t, url, 20)
	var log bytes.Buffer
	o := &outside{root: "../..", tmp: t.TempDir(), log: &log, ldapURL: url, ldapChanges: 5,
		ldapPeople: "ou=people," + ou, ldapGroups: "ou=groups," + ou, postgresAdmin: os.Getenv(storetest.PostgresEnv)}
	if err := o.build(); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	for _, d := range storetest.Dialects(t) {
		rs, err := o.ldapSync(d)
		if err != nil {
			t.Fatalf("%s: %v\n%s", d, err, log.String())
		}
		want := map[string]string{"Outside/" + string(d) + "/ldap-sync-full": "full_sync_s",
			"Outside/" + string(d) + "/ldap-sync-incremental": "incr_s"}
		for _, r := range rs {
			for _, f := range []string{want[r.name], "peak_rss_MB"} {
				if r.metrics[f] <= 0 {
					t.Errorf("%s: %s = %v, want a measure", r.name, f, r.metrics[f])
				}
			}
			delete(want, r.name)
		}
		if len(want) > 0 {
			t.Errorf("%s: no result for %v: %+v", d, want, rs)
		}
	}
	t.Logf("%s", log.String())
}
