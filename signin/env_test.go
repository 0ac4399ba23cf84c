package signin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

const testPassword = "correct horse battery staple"

// env is a provider served over HTTP on a migrated store, with a mail sink.
type env struct {
	t     *testing.T
	st    *store.Store
	p     *signin.Provider
	srv   *httptest.Server
	mails *sink
}

func newEnv(t *testing.T, st *store.Store, edit func(*signin.Config)) *env {
	t.Helper()
	keys, err := secret.NewKeys(strings.Repeat("test-master-key-", 3))
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	e := &env{t: t, st: st, srv: srv, mails: &sink{}}
	cfg := signin.Config{Store: st, Keys: keys, BaseURL: srv.URL, OrgName: "Acme", Mailer: e.mails}
	if edit != nil {
		edit(&cfg)
	}
	if e.p, err = signin.New(cfg); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	secure := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", "default-src 'self'; form-action 'self'")
			next.ServeHTTP(w, r)
		})
	}
	e.p.Mount(mux, secure, "/static/style.css")
	h = mux
	return e
}

// account creates an account that has claimed its invitation: active,
// with a password, in group Engineering, with role "editor".
func (e *env) account(userName, email string) *store.Account {
	e.t.Helper()
	hash, err := password.Hash(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	now := store.Now()
	a := &store.Account{UserName: userName, Email: email, GivenName: "Ada", FamilyName: "Lovelace",
		DisplayName: "Ada Lovelace", UserType: "Employee", Active: true, Status: store.StatusActive,
		PasswordHash: hash, ClaimedAt: &now, PreferredLanguage: "fr",
		Attributes: `{"roles":[{"value":"editor"}]}`,
		Emails:     []store.Email{{Value: email, Type: "work", IsPrimary: true}}}
	ctx := context.Background()
	if err := e.st.CreateAccount(ctx, a); err != nil {
		e.t.Fatal(err)
	}
	g := &store.Group{DisplayName: "Engineering"}
	if err := e.st.CreateGroup(ctx, g); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.st.AddGroupMembers(ctx, g, []store.GroupMember{{AccountID: a.ID}}); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// client registers a confidential client redirecting to redirect.
func (e *env) client(redirect string) (id, sec string) {
	e.t.Helper()
	sec = secret.NewToken()
	uris, _ := json.Marshal([]string{redirect})
	c := &store.OIDCClient{Name: "Wiki", SecretHash: secret.TokenHash(sec), RedirectURIs: string(uris)}
	if err := e.st.CreateOIDCClient(context.Background(), c); err != nil {
		e.t.Fatal(err)
	}
	return c.ID, sec
}

// browser is an HTTP client that stops at the application's callback.
func browser(stopAt string) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(r.URL.String(), stopAt) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

// sink is a mail.Sender that keeps messages.
type sink struct {
	mu  sync.Mutex
	out []mail.Outgoing
}

func (s *sink) Send(_ context.Context, o mail.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out = append(s.out, o)
	return nil
}

func (s *sink) all() []mail.Outgoing {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]mail.Outgoing(nil), s.out...)
}
