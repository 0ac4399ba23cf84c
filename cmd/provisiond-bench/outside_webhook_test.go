package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestOutsideWebhook runs the webhook measure at a tiny size (40 rows
// imported, then invited with an endpoint on account.invited) on the
// databases -databases names, here PostgreSQL alone when configured and
// SQLite otherwise: every mail and every event arrived, none twice, and
// only the measure named ran.
func TestOutsideWebhook(t *testing.T) {
	var log bytes.Buffer
	o := &outside{root: "../..", tmp: t.TempDir(), log: &log, clients: benchClients, creates: 4 * benchClients,
		scimRounds: 1, importRows: 40, settle: 100 * time.Millisecond, deliverTimeout: 2 * time.Minute,
		postgresAdmin: os.Getenv(storetest.PostgresEnv), measures: []string{"webhook"}, databases: []string{"sqlite"}}
	d := "sqlite"
	if o.postgresAdmin != "" {
		o.databases, d = []string{"postgres"}, "postgres"
	}
	rs, err := o.run()
	if err != nil {
		t.Fatalf("outside: %v\n%s", err, log.String())
	}
	if len(rs) != 1 || rs[0].name != "Outside/"+d+"/invite-all-webhook" {
		t.Fatalf("results %+v, want the one row Outside/%s/invite-all-webhook\n%s", rs, d, log.String())
	}
	m := rs[0].metrics
	for _, f := range []string{"call_s", "mails/s", "events/s", "peak_rss_MB"} {
		if m[f] <= 0 {
			t.Errorf("%s = %v, want a measure", f, m[f])
		}
	}
	if m["duplicates"] != 0 || m["call_errors"] != 0 {
		t.Errorf("%v duplicate mails, %v failed calls\n%s", m["duplicates"], m["call_errors"], log.String())
	}
	var b bytes.Buffer
	writeTable(&b, rs, nil, nil)
	if want := "| Outside/" + d + "/invite-all-webhook | events/s |"; !strings.Contains(b.String(), want) {
		t.Errorf("table lacks %q:\n%s", want, b.String())
	}
}

// TestOutsideDatabases: -databases picks the databases, and naming none
// it knows, or PostgreSQL without its URL, is an error before any build.
func TestOutsideDatabases(t *testing.T) {
	for _, tc := range []struct {
		dbs   []string
		admin string
		want  string
	}{
		{[]string{"mysql"}, "", "no database"},
		{[]string{"postgres"}, "", "needs PROVISIOND_TEST_POSTGRES_URL"},
	} {
		o := &outside{root: "/nonexistent", tmp: t.TempDir(), databases: tc.dbs, postgresAdmin: tc.admin}
		if _, err := o.run(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("databases %q: err %v, want %q", tc.dbs, err, tc.want)
		}
	}
	o := &outside{databases: []string{"postgres"}}
	if o.wantsDB("sqlite") || !o.wantsDB("postgres") || !(&outside{}).wantsDB("sqlite") {
		t.Error("wantsDB does not follow -databases")
	}
}
