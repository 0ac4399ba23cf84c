package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

// clientCreatePage: POST /admin/clients with name, redirectUris and
// postLogoutRedirectUris (one per line), public, backchannelLogoutUri and
// backchannelLogoutSessionRequired. The secret is on this
// response only, never on a redirect target that could show it again.
func (s *Server) clientCreatePage(w http.ResponseWriter, r *http.Request) {
	name, bcl := r.PostFormValue("name"), r.PostFormValue("backchannelLogoutUri")
	sid := r.PostFormValue("backchannelLogoutSessionRequired") == "true"
	in := integration.ClientInput{Name: &name, RedirectURIs: formLines(r.PostFormValue("redirectUris")),
		PostLogoutURIs: formLines(r.PostFormValue("postLogoutRedirectUris")), Public: r.PostFormValue("public") == "true",
		BackchannelLogoutURI: &bcl, BackchannelLogoutSessionRequired: &sid}
	c, sec, err := s.Integrations.CreateClient(r.Context(), actor(r), in)
	s.renderClientSecret(w, r, http.StatusCreated, c, sec, err)
}

// renderClientSecret answers a create or a secret rotation: the clients page
// with the form's error, or with client c and its secret sec, on this
// response only (never cached).
func (s *Server) renderClientSecret(w http.ResponseWriter, r *http.Request, status int, c *store.OIDCClient, sec string, err error) {
	if err != nil {
		s.clientFormError(w, r, err)
		return
	}
	j := s.toClientJSON(c, sec)
	w.Header().Set("Cache-Control", "no-store")
	s.renderClients(w, r, status, &j, "")
}
