package web

import (
	"encoding/json"
	"net/http"
)

type previewRequest struct {
	AccountID string `json:"accountId"`
	Language  string `json:"language"`
	Message   string `json:"message"`
}

// previewInvitation: POST /api/v1/invitations/preview renders the mail an
// account (or a sample recipient in language) would get, without sending.
func (s *Server) previewInvitation(w http.ResponseWriter, r *http.Request) {
	var req previewRequest
	if r.ContentLength != 0 {
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
			writeError(w, r, http.StatusBadRequest, "invalid_body", "the body must be a JSON object")
			return
		}
	}
	if len(req.Message) > maxMessage {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "message is longer than 4000 characters")
		return
	}
	p, err := s.Invites.Preview(r.Context(), req.AccountID, req.Language, req.Message)
	if err != nil {
		s.inviteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
