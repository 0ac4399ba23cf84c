package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/provisiond/provisiond/invite"
)

// resendMethod reads the optional body of POST /api/v1/invitations/{id}/resend,
// {"method": "link"|"code"}, and returns the invitation service with the
// choice; an empty body keeps the invitation's method. It answers 400 itself.
func (s *Server) resendMethod(w http.ResponseWriter, r *http.Request) (*invite.Service, bool) {
	var body struct {
		Method string `json:"method"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, r, http.StatusBadRequest, "invalid_body", `the body, if any, must be {"method": "link"|"code"}`)
		return nil, false
	}
	if _, err := invite.ParseMethod(body.Method); err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid_body", `method must be "link" or "code"`)
		return nil, false
	}
	return s.Invites.WithMethod(body.Method), true
}
