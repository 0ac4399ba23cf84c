package e2e

import (
	"testing"
	"time"
)

// failedDeliveries counts delivery jobs that failed at least once.
const failedDeliveries = `SELECT count(*) FROM river_job
	WHERE kind = 'invitation_delivery' AND coalesce(array_length(errors, 1), 0) > 0`

// TestSMTPOutageDuringInviteAll invites 1,000 accounts while the SMTP server
// refuses connections, then brings it back: River retries every delivery,
// every mail arrives, none twice.
func TestSMTPOutageDuringInviteAll(t *testing.T) {
	const accounts = 1000
	c := newCluster(t, nil)
	token := c.integration("entra", false)
	rs := c.startReplicas(3)
	newSCIMClient(token, rs).createUsers(t, accounts, 24)
	if n := c.count(`SELECT count(*) FROM invitations`); n != 0 {
		t.Fatalf("%d invitations before invite-all, want 0 (autoInvite is off)", n)
	}

	c.mail.SetDown(true)
	c.cli("invite", "--all")
	// Keep the server down until a good share of the deliveries have failed
	// (or 10 s): each failed one is retried by River's backoff.
	poll(10*time.Second, func() bool { return c.count(failedDeliveries) >= accounts/3 })
	failed := c.count(failedDeliveries)
	c.mail.SetDown(false)
	if failed == 0 {
		t.Fatal("no delivery failed while the SMTP server was down")
	}

	dups := c.waitMail(t, accounts)
	t.Logf("%d deliveries failed during the outage; after it, %d mails for %d accounts, %d duplicates",
		failed, len(c.mail.Messages()), accounts, dups)
	if dups != 0 {
		t.Errorf("%d duplicate mails, want none", dups)
	}
	c.checkOnce(t, accounts)
}
