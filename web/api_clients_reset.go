package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// resetLinkJSON answers POST /api/v1/accounts/{id}/password-reset.
type resetLinkJSON struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expiresAt"`
	Emailed   bool      `json:"emailed"`
}

// createResetLink answers POST /api/v1/accounts/{id}/password-reset: a
// single-use, one-hour link the admin copies (shown once); with
// {"send": true} and mail configured it is also mailed to the account.
func (s *Server) createResetLink(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Send bool `json:"send"`
	}
	if r.ContentLength != 0 && !decodeJSON(w, r, &q) {
		return
	}
	if s.SignIn == nil {
		writeError(w, r, http.StatusNotFound, "not_found", "sign-in is not enabled")
		return
	}
	l, err := s.SignIn.IssueResetLink(r.Context(), actor(r), r.PathValue("id"), q.Send)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "no such account")
	case errors.Is(err, signin.ErrCannotSignIn):
		writeError(w, r, http.StatusConflict, "account_not_active",
			"only an active (claimed) account can reset its password; invite it instead")
	case err != nil:
		s.internalError(w, r, err)
	default:
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusCreated, resetLinkJSON{URL: l.URL, ExpiresAt: l.ExpiresAt, Emailed: l.Emailed})
	}
}
