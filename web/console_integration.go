package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// integrationView is an integration with its SCIM base URL and, for LDAP,
// its latest sync runs.
type integrationView struct {
	store.Integration
	SCIMURL         string
	Runs            []store.SyncRun
	PermissionBoxes []permissionBox
	LDAPYAML        string // the LDAP settings in the --ldap-config format
	LDAPPasswordSet bool   // a sealed bind password is stored (never the password)
	Breaker         breakerForm
	OAuth           *oauthJSON // SCIM: the OAuth client credentials and secrets (console_integration_oauth.go)
	OverlapDays     []int
}

// integrationPage: GET /admin/integrations/{id} shows the settings form.
func (s *Server) integrationPage(w http.ResponseWriter, r *http.Request) {
	s.renderIntegration(w, r, http.StatusOK, nil, "")
}

// renderIntegration shows the integration page; typed, when not nil, is a
// refused breaker form to show again as typed, with errMsg.
func (s *Server) renderIntegration(w http.ResponseWriter, r *http.Request, status int, typed *breakerForm, errMsg string) {
	in, err := s.Store.IntegrationByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	v := integrationView{Integration: *in, SCIMURL: s.Config.BaseURL + "/scim/v2", PermissionBoxes: permissionBoxes(in),
		LDAPYAML: ldapConfigYAML(in), LDAPPasswordSet: in.LDAPBindPassword != nil}
	if typed != nil {
		v.Breaker = *typed
	} else {
		b, err := s.Store.IntegrationBreaker(r.Context(), in.ID)
		if err != nil {
			s.consoleError(w, r, err)
			return
		}
		v.Breaker = breakerFormOf(b)
	}
	if in.Kind == "scim" {
		_, oauth, err := s.oauthView(r, in.ID)
		if err != nil {
			s.consoleError(w, r, err)
			return
		}
		v.OAuth, v.OverlapDays = &oauth, oauthOverlapDays
	}
	if in.Kind == "ldap" {
		if v.Runs, _, err = s.Store.SyncRuns(r.Context(), in.ID, 20, 0); err != nil {
			s.consoleError(w, r, err)
			return
		}
	}
	d := s.newConsole(r, "integrations", v)
	d.Error = errMsg
	s.renderConsole(w, r, status, "integration", d)
}

// integrationSave: POST /admin/integrations/{id} saves the settings.
func (s *Server) integrationSave(w http.ResponseWriter, r *http.Request) {
	form := integrationForm(r, false)
	accessForm(r, &form)
	p, err := form.input()
	var in *store.Integration
	if err == nil {
		in, err = s.Integrations.Update(r.Context(), actor(r), r.PathValue("id"), p)
	}
	if err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/integrations/"+in.ID, "saved")
}

// integrationRotate: POST /admin/integrations/{id}/token shows the new token once.
func (s *Server) integrationRotate(w http.ResponseWriter, r *http.Request) {
	in, token, err := s.Integrations.RotateToken(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderConsole(w, r, http.StatusOK, "token", s.newConsole(r, "integrations",
		s.newTokenPage(in, token)))
}

// integrationDelete: POST /admin/integrations/{id}/delete.
func (s *Server) integrationDelete(w http.ResponseWriter, r *http.Request) {
	if err := s.Integrations.Delete(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/integrations", "deleted")
}
