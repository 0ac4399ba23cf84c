package invite_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

const baseURL = "https://provision.example.test"

// env is a running invitation stack: store, services, River workers and,
// unless noSMTP, a real SMTP server in-process.
type env struct {
	t        *testing.T
	st       *store.Store
	svc      *invite.Service
	accounts *account.Service
	smtp     *mailtest.Server // nil without SMTP
	ctx      context.Context
}

type envOpt func(*envOpts)

type envOpts struct{ noSMTP bool }

func noSMTP(o *envOpts) { o.noSMTP = true }

// eachEnv runs fn on a newEnv (with opts) of every dialect's store.
func eachEnv(t *testing.T, fn func(t *testing.T, st *store.Store, e *env), opts ...envOpt) {
	storetest.Each(t, func(t *testing.T, st *store.Store) { fn(t, st, newEnv(t, st, opts...)) })
}

func newEnv(t *testing.T, st *store.Store, opts ...envOpt) *env {
	t.Helper()
	var o envOpts
	for _, f := range opts {
		f(&o)
	}
	keys, err := secret.NewKeys("0123456789abcdef0123456789abcdef-test-key")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, ctx: context.Background()}
	var sender mail.Sender
	if !o.noSMTP {
		e.smtp = mailtest.NewServer(t)
		s, err := mail.NewSMTPSender(e.smtp.URL(), "Acme <noreply@acme.test>")
		if err != nil {
			t.Fatal(err)
		}
		sender = s
	}
	e.svc = invite.New(st, keys, sender, invite.Config{BaseURL: baseURL, OrgName: "Acme", MailFrom: "noreply@acme.test"}, nil)
	e.accounts = account.New(st, invite.Policy{Service: e.svc}, nil)
	workers := river.NewWorkers()
	invite.AddWorkers(workers, e.svc)
	jc, err := jobs.New(st, jobs.Config{Workers: workers, PollInterval: 50 * time.Millisecond, RetryPolicy: jobs.FastRetry{}})
	if err != nil {
		t.Fatal(err)
	}
	e.svc.Jobs = jc
	ctx, cancel := context.WithCancel(context.Background())
	if err := jc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		jobs.Stop(jc, 5*time.Second)
		cancel()
	})
	return e
}

// integration creates an integration with autoInvite and delay.
func (e *env) integration(name string, autoInvite bool, delay int) *store.Integration {
	e.t.Helper()
	in := &store.Integration{Name: name, Kind: "scim", AutoInvite: autoInvite, InviteDelaySeconds: delay}
	if err := e.st.CreateIntegration(e.ctx, in); err != nil {
		e.t.Fatal(err)
	}
	return in
}

// account provisions an active account through in (nil: admin).
func (e *env) account(in *store.Integration, userName, email, lang string) *store.Account {
	e.t.Helper()
	a := &store.Account{UserName: userName, Active: true, PreferredLanguage: lang, DisplayName: "User " + userName}
	if email != "" {
		a.Emails = []store.Email{{Value: email, Type: "work", IsPrimary: true}}
	}
	actor := account.Actor{Kind: "admin", Name: "test"}
	if in != nil {
		actor = account.Actor{Kind: "integration", Name: in.Name}
	}
	out, err := e.accounts.Create(e.ctx, actor, in, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func (e *env) reload(id string) *store.Account {
	e.t.Helper()
	a, err := e.st.AccountByIDAny(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) invitations(accountID string) []store.Invitation {
	e.t.Helper()
	invs, _, err := e.st.ListInvitations(e.ctx, store.InvitationQuery{AccountID: accountID})
	if err != nil {
		e.t.Fatal(err)
	}
	return invs
}

// sentInvitations returns the account's invitations and, of them, the
// open (sent) ones.
func (e *env) sentInvitations(accountID string) (all, sent []store.Invitation) {
	e.t.Helper()
	all = e.invitations(accountID)
	for _, inv := range all {
		if inv.Status == store.InvitationSent {
			sent = append(sent, inv)
		}
	}
	return all, sent
}

// waitInvitation polls until cond holds for the account's only invitation.
func (e *env) waitInvitation(accountID string, what string, cond func(store.Invitation) bool) store.Invitation {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		invs := e.invitations(accountID)
		if len(invs) == 1 && cond(invs[0]) {
			return invs[0]
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("invitation of %s never became %s: %+v", accountID, what, invs)
		}
		time.Sleep(20 * time.Millisecond) // polling with a deadline, not a sleep-for-correctness
	}
}

func delivered(i store.Invitation) bool { return i.Delivery == store.DeliveryDelivered }

func (e *env) auditCount(action, targetID string) int64 {
	e.t.Helper()
	_, n, err := e.st.AuditEvents(e.ctx, store.AuditFilter{Action: action, TargetID: targetID})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

var actorIdP = account.Actor{Kind: "integration", Name: "okta"}

func invitePolicy(e *env) invite.Policy { return invite.Policy{Service: e.svc} }

// awaitApproval puts a's invitation where a claim that needs approval
// leaves it (needs_approval, account pending_approval) and returns it.
func (e *env) awaitApproval(a *store.Account) store.Invitation {
	e.t.Helper()
	inv := e.invitations(a.ID)[0]
	inv.Status = store.InvitationNeedsApproval
	if err := e.st.SaveInvitation(e.ctx, &inv); err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.SetAccountStatus(e.ctx, a.ID, store.StatusPendingApproval); err != nil {
		e.t.Fatal(err)
	}
	return inv
}
