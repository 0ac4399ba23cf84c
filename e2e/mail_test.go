package e2e

import (
	"strings"
	"testing"
	"time"
)

// recipients counts the messages received per recipient.
func (c *cluster) recipients() map[string]int {
	per := map[string]int{}
	for _, m := range c.mail.Messages() {
		for _, to := range m.To {
			per[strings.ToLower(to)]++
		}
	}
	return per
}

// waitMail waits until want distinct recipients have mail and every
// invitation is recorded delivered, then two seconds more for any late
// duplicate; it returns how many recipients got more than one message.
func (c *cluster) waitMail(t *testing.T, want int) (dups int) {
	t.Helper()
	ok := poll(timeoutMail, func() bool {
		return len(c.recipients()) >= want &&
			c.count(`SELECT count(*) FROM invitations WHERE delivery = 'delivered'`) >= want
	})
	if !ok {
		t.Fatalf("after %v: %d recipients got mail, %d invitations delivered; want %d", timeoutMail,
			len(c.recipients()), c.count(`SELECT count(*) FROM invitations WHERE delivery = 'delivered'`), want)
	}
	time.Sleep(2 * time.Second) // a duplicate would come from a job still running: give it time
	per := c.recipients()
	if len(per) != want {
		t.Errorf("%d recipients got mail, want %d", len(per), want)
	}
	for _, n := range per {
		dups += n - 1
	}
	return dups
}

// checkMailOnce asserts want recipients, one message each.
func (c *cluster) checkMailOnce(t *testing.T, want int) {
	t.Helper()
	if dups := c.waitMail(t, want); dups != 0 {
		t.Errorf("%d duplicate mails, want none", dups)
	}
}
