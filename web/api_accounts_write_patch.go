package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// patchAccountRequest is the body of PATCH /api/v1/accounts/{id}; absent
// fields are left as they are.
type patchAccountRequest struct {
	Email      *string   `json:"email"`
	GivenName  *string   `json:"givenName"`
	FamilyName *string   `json:"familyName"`
	UserType   *string   `json:"userType"`
	Roles      *[]string `json:"roles"`
	Version    int64     `json:"version"` // optional: refuse if the account changed since
}

// patchAccountResponse is the edited account and what the edit did.
type patchAccountResponse struct {
	Account              adminAccountJSON `json:"account"`
	EmailChanged         bool             `json:"emailChanged"`
	CanceledInvitationID string           `json:"canceledInvitationId,omitempty"`
	// ReinviteOffered: the account may be invited at its new address, with
	// POST /api/v1/invitations {"accountIds": [id]}.
	ReinviteOffered bool `json:"reinviteOffered"`
}

// patchAccountAPI: PATCH /api/v1/accounts/{id} edits an admin-created
// account; accounts owned by an integration answer 409 owned_by_integration.
func (s *Server) patchAccountAPI(w http.ResponseWriter, r *http.Request) {
	var req patchAccountRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if v, err := strconv.ParseInt(strings.Trim(r.Header.Get("If-Match"), `W/"`), 10, 64); err == nil && req.Version == 0 {
		req.Version = v
	}
	e := account.AdminEdit{Email: req.Email, GivenName: req.GivenName, FamilyName: req.FamilyName, UserType: req.UserType, Roles: req.Roles}
	res, err := s.Invites.EditAdminAccount(r.Context(), s.Accounts, adminActor(r), r.PathValue("id"), req.Version, e)
	if err != nil {
		s.accountWriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, patchAccountResponse{Account: toAdminAccountJSON(res.Account), EmailChanged: res.EmailChanged,
		CanceledInvitationID: res.CanceledInvitationID, ReinviteOffered: res.ReinviteOffered})
}

// invalidReason is the safe text of a validation error (account's
// *store.InvalidError).
func invalidReason(err error) string {
	if e, ok := store.AsInvalid(err); ok {
		return e.Error()
	}
	return "invalid input"
}
