package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
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
	if err != nil {
		s.clientFormError(w, r, err)
		return
	}
	j := s.toClientJSON(c, sec)
	w.Header().Set("Cache-Control", "no-store")
	s.renderClients(w, r, http.StatusCreated, &j, "")
}
