package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// newAccountsServer is a server on dialect d with invitations wired and an
// "owner-token"; with smtp, invitations are mailed to the returned SMTP
// sink by River jobs, else their links are shown.
func newAccountsServer(t *testing.T, d store.Dialect, smtp bool) (*httptest.Server, *Server, *mailtest.Server) {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://p.example.test"
	st := storetest.Open(t, d)
	keys, err := secret.NewKeys(strings.Repeat("k", 40))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var sender mail.Sender
	var sink *mailtest.Server
	if smtp {
		sink = mailtest.NewServer(t)
		if sender, err = mail.NewSMTPSender(sink.URL(), "Acme <noreply@acme.test>"); err != nil {
			t.Fatal(err)
		}
	}
	inv := invite.New(st, keys, sender, invite.Config{BaseURL: cfg.BaseURL, OrgName: "Acme"}, log)
	if smtp {
		startDelivery(t, st, inv)
	}
	s := &Server{Config: &cfg, Store: st, Keys: keys, Log: log, Invites: inv, Accounts: account.New(st, invite.Policy{Service: inv}, log)}
	if err := st.CreateAdminToken(context.Background(), &store.AdminToken{Name: "owner", Role: "owner",
		TokenHash: secret.TokenHash("owner-token"), CreatedAt: store.Now()}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, s, sink
}

// startDelivery runs the invitation delivery worker on River until cleanup.
func startDelivery(t *testing.T, st *store.Store, inv *invite.Service) {
	t.Helper()
	workers := river.NewWorkers()
	invite.AddWorkers(workers, inv)
	jc, err := jobs.New(st, jobs.Config{Workers: workers, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	inv.Jobs = jc
	ctx, cancel := context.WithCancel(context.Background())
	if err := jc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(jc, 5*time.Second); cancel() })
}

// multipartFile builds a multipart body with field "file" and the others.
func multipartFile(t *testing.T, name, content string, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}
