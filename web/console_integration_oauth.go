package web

import (
	"net/http"
	"strconv"
	"time"
)

// oauthSecretPage is the page that shows a new OAuth client secret once.
type oauthSecretPage struct {
	ID, Name string
	OAuth    oauthJSON
}

// oauthOverlapDays are the overlaps the console offers for a rotation.
var oauthOverlapDays = []int{1, 7, 30}

// integrationOAuthCreate: POST /admin/integrations/{id}/oauth/secrets
// creates or rotates the client secret (form field overlapDays) and shows
// it once.
func (s *Server) integrationOAuthCreate(w http.ResponseWriter, r *http.Request) {
	days, _ := strconv.Atoi(r.PostFormValue("overlapDays"))
	if days <= 0 {
		days = 7
	}
	in, err := s.Store.IntegrationByID(r.Context(), r.PathValue("id"))
	if err == nil {
		var sec string
		if _, sec, err = s.Integrations.CreateOAuthSecret(r.Context(), actor(r), in.ID, time.Duration(days)*24*time.Hour); err == nil {
			var page oauthSecretPage
			if _, page.OAuth, err = s.oauthView(r, in.ID); err == nil {
				page.ID, page.Name, page.OAuth.Secret = in.ID, in.Name, sec
				w.Header().Set("Cache-Control", "no-store")
				s.renderConsole(w, r, http.StatusOK, "oauth_secret", s.newConsole(r, "integrations", page))
				return
			}
		}
	}
	s.integrationFormError(w, r, err)
}

// integrationOAuthRetire: POST /admin/integrations/{id}/oauth/secrets/{secret}/retire.
func (s *Server) integrationOAuthRetire(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := s.Integrations.RetireOAuthSecret(r.Context(), actor(r), id, r.PathValue("secret")); err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/integrations/"+id, "oauth_retired")
}
