package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// errorsIsUnavailable reports a database outage.
func errorsIsUnavailable(err error) bool { return errors.Is(err, store.ErrUnavailable) }

// integrationsPage: GET /admin/integrations lists them, with the create form.
func (s *Server) integrationsPage(w http.ResponseWriter, r *http.Request) {
	ins, err := s.Store.Integrations(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.renderConsole(w, r, http.StatusOK, "integrations", s.newConsole(r, "integrations", ins))
}

// integrationForm reads the settings form; checkboxes are absent when unchecked.
func integrationForm(r *http.Request, withName bool) integrationInput {
	yes := func(k string) *bool { v := r.PostFormValue(k) == "true"; return &v }
	in := integrationInput{AutoInvite: yes("autoInvite"), RequireApproval: yes("requireApproval")}
	if withName {
		name, kind := r.PostFormValue("name"), r.PostFormValue("kind")
		in.Name = &name
		if kind != "" {
			in.Kind = &kind
		}
	} else {
		in.Disabled = yes("disabled")
	}
	in.InviteDelaySeconds = formInt(r, "inviteDelaySeconds")
	in.ReminderDays = formInt(r, "reminderDays")
	// The LDAP textarea is on every create form: empty means "none given".
	if v := r.PostFormValue("ldapConfig"); strings.TrimSpace(v) != "" {
		in.LDAPConfig = &v
	}
	// The password field is empty unless the admin types one: empty keeps
	// the stored password (where the settings allow it).
	if v := r.PostFormValue("ldapBindPassword"); v != "" {
		in.LDAPBindPassword = &v
	}
	return in
}

// formInt reads a number field: empty is 0, anything else not a number is
// -1, which integration.Service refuses with a message naming the field.
func formInt(r *http.Request, key string) *int {
	v := strings.TrimSpace(r.PostFormValue(key))
	n, err := strconv.Atoi(v)
	switch {
	case v == "":
		n = 0
	case err != nil:
		n = -1
	}
	return &n
}

// tokenPage is what the token page shows, once, after create or rotate.
type tokenPage struct {
	ID, Name, SCIMURL, Token string
	// NotPublic: the base URL is not https or is loopback, so Entra and
	// Okta cannot reach the Tenant URL (config.Config.PublicHTTPS).
	NotPublic bool
}

// newTokenPage is the token page of integration in with its new token.
func (s *Server) newTokenPage(in *store.Integration, token string) tokenPage {
	return tokenPage{ID: in.ID, Name: in.Name, SCIMURL: s.Config.BaseURL + "/scim/v2", Token: token,
		NotPublic: !s.Config.PublicHTTPS()}
}

// integrationCreate: POST /admin/integrations creates a SCIM integration and
// shows its token on this response only (never a redirect to a page that
// could show it again).
func (s *Server) integrationCreate(w http.ResponseWriter, r *http.Request) {
	p, err := integrationForm(r, true).input()
	var in *store.Integration
	var token string
	if err == nil {
		in, token, err = s.Integrations.Create(r.Context(), actor(r), p)
	}
	if err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	if token == "" { // LDAP: no token to show once
		redirectDone(w, r, "/admin/integrations/"+in.ID, "saved")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderConsole(w, r, http.StatusCreated, "token", s.newConsole(r, "integrations",
		s.newTokenPage(in, token)))
}

// integrationFormError re-renders the list with the error of a refused form.
func (s *Server) integrationFormError(w http.ResponseWriter, r *http.Request, err error) {
	d := s.newConsole(r, "integrations", nil)
	msg, _, ok := s.formRefusal(w, r, err, "name: an integration with that name already exists")
	if !ok {
		return
	}
	d.Error = msg
	ins, lerr := s.Store.Integrations(r.Context())
	if lerr != nil {
		s.consoleError(w, r, lerr)
		return
	}
	d.Page = ins
	s.renderConsole(w, r, http.StatusBadRequest, "integrations", d)
}
