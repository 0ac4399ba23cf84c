package notify_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/notify"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestBreakerNoticeIsDurable: a trip queues one notice job per owner in its
// transaction, with no worker running (a CLI run); after a restart, serve's
// workers mail each owner in their language, the French one in French, with
// the console link built from the base URL. Viewers and disabled owners get
// nothing.
func TestBreakerNoticeIsDurable(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) { noticeSurvivesRestart(t, storetest.URL(t, d)) })
	}
}

// noticeSurvivesRestart is TestBreakerNoticeIsDurable on the database at url.
func noticeSurvivesRestart(t *testing.T, url string) {
	ctx := context.Background()
	st := storetest.OpenURL(t, url)
	in := &store.Integration{Name: "corp", Kind: "ldap"}
	if err := st.CreateIntegration(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := st.SetIntegrationBreaker(ctx, in.ID, store.BreakerSettings{Enabled: true, Percent: 10, Min: 1, WindowSeconds: 3600}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*store.Admin{
		{Email: "amelie@example.com", Name: "Amélie", Role: "owner", Language: "fr"},
		{Email: "owen@example.com", Role: "owner"},
		{Email: "vera@example.com", Role: "viewer", Language: "fr"},
		{Email: "dora@example.com", Role: "owner", Disabled: true},
	} {
		if err := st.CreateAdmin(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	inserter, err := jobs.New(st, jobs.Config{}) // insert-only, as a CLI command's
	if err != nil {
		t.Fatal(err)
	}
	svc := account.New(st, nil, slog.New(slog.DiscardHandler))
	svc.OnTrip = &notify.Breaker{Jobs: inserter}
	trip(t, svc, in)
	queued, err := inserter.JobList(ctx, river.NewJobListParams().Kinds(notify.BreakerArgs{}.Kind()))
	if err != nil || len(queued.Jobs) != 2 {
		t.Fatalf("queued notices: %v %v, want one per enabled owner", queued, err)
	}
	st.Close() // the process ends; the jobs stay in the database

	st = storetest.OpenURL(t, url)
	srv := mailtest.NewServer(t)
	sender, err := mail.NewSMTPSender(srv.URL(), "provisiond <noreply@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	notify.AddWorkers(workers, &notify.BreakerWorker{Store: st, Sender: sender, OrgName: "Acme",
		BaseURL: "https://id.example.com/", Log: slog.New(slog.DiscardHandler)})
	c, err := jobs.New(st, jobs.Config{Workers: workers, RetryPolicy: jobs.FastRetry{}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(c, 5*time.Second) })
	got := map[string]*mailtest.Parsed{}
	for _, m := range srv.WaitFor(2, 20*time.Second) {
		got[m.To[0]] = m.MustParse(t)
	}
	link := "https://id.example.com/admin/integrations/" + in.ID + "/held-changes"
	fr, en := got["amelie@example.com"], got["owen@example.com"]
	if fr == nil || en == nil || len(got) != 2 {
		t.Fatalf("mailed %v, want the two enabled owners", keys(got))
	}
	if !strings.Contains(fr.Subject, "retenue") || !strings.Contains(fr.Text, "Bonjour") || !strings.Contains(fr.Text, link) {
		t.Errorf("French owner got %q:\n%s", fr.Subject, fr.Text)
	}
	if !strings.Contains(en.Subject, "held") || !strings.Contains(en.Text, link) {
		t.Errorf("owner without a language got %q:\n%s", en.Subject, en.Text)
	}
}

// trip has in deactivate one of its two accounts, past its breaker's threshold.
func trip(t *testing.T, svc *account.Service, in *store.Integration) {
	t.Helper()
	ctx := context.Background()
	actor := account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
	var first string
	for _, name := range []string{"a1", "a2"} {
		a, err := svc.Create(ctx, actor, in, &store.Account{UserName: name, ExternalID: &name, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = a.ID
		}
	}
	if _, err := svc.Update(ctx, actor, first, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Store.CountPendingHeld(ctx, in.ID); err != nil || n != 1 {
		t.Fatalf("held: %d %v", n, err)
	}
}

func keys(m map[string]*mailtest.Parsed) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
