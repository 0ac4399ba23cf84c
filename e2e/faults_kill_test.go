package e2e

import (
	"testing"
)

// TestReplicaKilledDuringDelivery SIGKILLs one of three replicas while
// 1,000 invitations are being mailed. The survivors finish every job (the
// dead replica's running jobs once River rescues them). A mail may go out
// twice only when the kill fell between the SMTP server's acceptance and
// the commit recording it; the test reports how often that happened and
// bounds it by what one replica can hold at once.
func TestReplicaKilledDuringDelivery(t *testing.T) {
	t.Parallel() // mostly waiting on River's rescuer or the LDAP lease
	const accounts, maxWorkers = 1000, 50
	c := newCluster(t, nil)
	token := c.integration("okta", false)
	rs := c.startReplicas(3)
	newSCIMClient(token, rs).createUsers(t, accounts, 24)

	c.cli("invite", "--all")
	if !poll(timeoutMail, func() bool { return len(c.mail.Messages()) >= accounts/10 }) {
		t.Fatalf("delivery did not start: %d mails", len(c.mail.Messages()))
	}
	before := len(c.mail.Messages())
	rs[0].kill()
	held := c.count(`SELECT count(*) FROM river_job WHERE kind = 'invitation_delivery' AND state = 'running'`)

	dups := c.waitMail(t, accounts)
	rescued := c.count(`SELECT count(*) FROM river_job WHERE kind = 'invitation_delivery' AND attempt > 1`)
	t.Logf("killed replica a after %d of %d mails; %d delivery jobs running (all replicas) at the kill, %d run more than once; %d duplicate mails",
		before, accounts, held, rescued, dups)
	if dups > maxWorkers {
		t.Errorf("%d duplicate mails, more than one replica's %d workers could have held", dups, maxWorkers)
	}
	c.checkOnce(t, accounts)
}
