package web

import (
	"encoding/json"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// integrationWithToken is the answer of create and rotate: the only time the
// token is ever shown.
type integrationWithToken struct {
	integrationJSON
	Token   string `json:"token,omitempty"`   // SCIM only
	SCIMURL string `json:"scimUrl,omitempty"` // SCIM only
}

// decodeJSON reads a JSON body of at most 64 KiB, answering 400 on failure.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "the body must be a JSON object with the documented fields")
		return false
	}
	return true
}

// integrationWriteError maps the errors of the integration writes.
func (s *Server) integrationWriteError(w http.ResponseWriter, r *http.Request, err error) {
	s.writeFailed(w, r, err, "no such integration", "an integration with that name already exists")
}

// createIntegrationAPI: POST /api/v1/integrations.
func (s *Server) createIntegrationAPI(w http.ResponseWriter, r *http.Request) {
	var body integrationInput
	if !decodeJSON(w, r, &body) {
		return
	}
	in, err := body.input()
	var it *store.Integration
	var token string
	if err == nil {
		it, token, err = s.Integrations.Create(r.Context(), actor(r), in)
	}
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", "/api/v1/integrations/"+it.ID)
	out := integrationWithToken{integrationJSON: toIntegrationJSON(it)}
	if it.Kind == "scim" {
		out.Token, out.SCIMURL = token, s.Config.BaseURL+"/scim/v2"
	}
	writeJSON(w, http.StatusCreated, out)
}

// patchIntegrationAPI: PATCH /api/v1/integrations/{id} (id or name).
func (s *Server) patchIntegrationAPI(w http.ResponseWriter, r *http.Request) {
	var body integrationInput
	if !decodeJSON(w, r, &body) {
		return
	}
	in, err := body.input()
	var it *store.Integration
	if err == nil {
		it, err = s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	}
	if err == nil {
		it, err = s.Integrations.Update(r.Context(), actor(r), it.ID, in)
	}
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toIntegrationJSON(it))
}

// deleteIntegrationAPI: DELETE /api/v1/integrations/{id}.
func (s *Server) deleteIntegrationAPI(w http.ResponseWriter, r *http.Request) {
	cur, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	if err == nil {
		err = s.Integrations.Delete(r.Context(), actor(r), cur.ID)
	}
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// rotateTokenAPI: POST /api/v1/integrations/{id}/token returns the new token once.
func (s *Server) rotateTokenAPI(w http.ResponseWriter, r *http.Request) {
	cur, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	var token string
	if err == nil {
		cur, token, err = s.Integrations.RotateToken(r.Context(), actor(r), cur.ID)
	}
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, integrationWithToken{toIntegrationJSON(cur), token, s.Config.BaseURL + "/scim/v2"})
}
