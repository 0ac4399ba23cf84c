package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestOutside runs the outside measures at a tiny size (64 creates by 16
// clients, 40 rows imported and invited) on SQLite, and on PostgreSQL when
// configured: it builds provisiond, starts serve, runs the CLI processes,
// and checks that each measure produced its figures, that every mail
// arrived once, and that the table shows them. The LDAP measure runs in
// TestOutsideLDAP, over a private subtree of the test directory.
func TestOutside(t *testing.T) {
	var log bytes.Buffer
	o := &outside{root: "../..", tmp: t.TempDir(), log: &log, clients: benchClients, creates: 4 * benchClients,
		scimRounds: 2, importRows: 40, ldapChanges: 100, settle: 100 * time.Millisecond, deliverTimeout: 2 * time.Minute,
		postgresAdmin: os.Getenv(storetest.PostgresEnv)}
	start := time.Now()
	rs, err := o.run()
	if err != nil {
		t.Fatalf("outside: %v\n%s", err, log.String())
	}
	t.Logf("took %v:\n%s", time.Since(start), log.String())
	dialects := []string{"sqlite"}
	if o.postgresAdmin != "" {
		dialects = append(dialects, "postgres")
	}
	byName := map[string]result{}
	for _, r := range rs {
		byName[r.name] = r
	}
	for _, d := range dialects {
		for measure, figures := range map[string][]string{
			"serve-start":    {"ready_s", "idle_rss_MB"},
			"scim-create":    {"creates/s", "raw_inserts/s", "lowest_ratio"},
			"account-import": {"rows/s"},
			"invite-all":     {"call_s", "mails/s"},
		} {
			r, ok := byName["Outside/"+d+"/"+measure]
			if !ok {
				t.Errorf("no result for %s/%s: %+v", d, measure, rs)
				continue
			}
			for _, f := range append(figures, "peak_rss_MB") {
				if r.metrics[f] <= 0 {
					t.Errorf("%s: %s = %v, want a measure", r.name, f, r.metrics[f])
				}
			}
		}
		if sc := byName["Outside/"+d+"/scim-create"].metrics; sc["rounds"] != 2 || sc["lowest_ratio"] > sc["creates/s"]/sc["raw_inserts/s"] {
			t.Errorf("%s: scim-create of %v rounds, lowest ratio %v above the median's", d, sc["rounds"], sc["lowest_ratio"])
		}
		inv := byName["Outside/"+d+"/invite-all"].metrics
		if inv["duplicates"] != 0 || inv["call_errors"] != 0 {
			t.Errorf("%s: %v duplicate mails, %v failed calls", d, inv["duplicates"], inv["call_errors"])
		}
	}
	var b bytes.Buffer
	writeTable(&b, rs, nil, nil)
	for _, want := range []string{"| Outside/sqlite/scim-create | creates/s |", "| Outside/sqlite/invite-all | duplicates | 0 | — | — | 0 |",
		"| Outside/sqlite/serve-start | idle_rss_MB |", "| Outside/sqlite/scim-create | lowest_ratio |", "| Outside/sqlite/account-import | rows/s |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestMedianRound: the row is the round of median ratio, the lower middle
// one for an even count, and the lowest ratio comes beside it.
func TestMedianRound(t *testing.T) {
	r := func(rate, raw float64) scimRound { return scimRound{rate: rate, raw: raw} }
	for _, c := range []struct {
		rounds      []scimRound
		med, lowest float64
	}{
		{[]scimRound{r(6, 10)}, 0.6, 0.6},
		{[]scimRound{r(6, 10), r(4, 10), r(5, 10)}, 0.5, 0.4},
		{[]scimRound{r(60, 100), r(4, 10)}, 0.4, 0.4},
		{[]scimRound{r(7, 10), r(45, 100), r(6, 10), r(5, 10)}, 0.5, 0.45},
	} {
		med, lowest := medianRound(c.rounds)
		if med.ratio() != c.med || lowest != c.lowest {
			t.Errorf("%v: median %v lowest %v, want %v and %v", c.rounds, med.ratio(), lowest, c.med, c.lowest)
		}
	}
}
