package web

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// adminAccountJSON is an account with the fields an admin sets on the
// accounts it creates.
type adminAccountJSON struct {
	accountJSON
	UserType string   `json:"userType,omitempty"`
	Roles    []string `json:"roles"`
}

func toAdminAccountJSON(a *store.Account) adminAccountJSON {
	return adminAccountJSON{accountJSON: toAccountJSON(a), UserType: a.UserType, Roles: account.Roles(a)}
}

// createAccountRequest is the body of POST /api/v1/accounts.
type createAccountRequest struct {
	Email             string   `json:"email"`
	ExternalID        string   `json:"externalId"`
	UserName          string   `json:"userName"`
	GivenName         string   `json:"givenName"`
	FamilyName        string   `json:"familyName"`
	UserType          string   `json:"userType"`
	Roles             []string `json:"roles"`
	PreferredLanguage string   `json:"preferredLanguage"`
	Message           string   `json:"message"`
}

// createAccountResponse is the new account and how it was invited.
type createAccountResponse struct {
	Account    adminAccountJSON `json:"account"`
	Invitation *invitationJSON  `json:"invitation,omitempty"`
	Link       string           `json:"link,omitempty"` // only without SMTP; GET /api/v1/invitations/{id}/link shows it again
	AccessCode bool             `json:"accessCode"`     // no email: reveal it at accounts/{id}/access-code
}

// createAccountAPI: POST /api/v1/accounts creates one admin-created account
// and invites it at once (docs/accounts.md).
func (s *Server) createAccountAPI(w http.ResponseWriter, r *http.Request) {
	var req createAccountRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if len(req.Message) > maxMessage {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "message is longer than 4000 characters")
		return
	}
	in := account.AdminInput{Email: req.Email, ExternalID: req.ExternalID, UserName: req.UserName, GivenName: req.GivenName,
		FamilyName: req.FamilyName, UserType: req.UserType, Roles: req.Roles, PreferredLanguage: req.PreferredLanguage}
	res, err := s.Invites.CreateAdminAccount(r.Context(), s.Accounts, adminActor(r), in, req.Message)
	if err != nil {
		s.accountWriteError(w, r, err)
		return
	}
	out := createAccountResponse{Account: toAdminAccountJSON(res.Account), Link: res.Link, AccessCode: res.AccessCode}
	if res.InvitationID != "" {
		if inv, err := s.Store.InvitationByID(r.Context(), res.InvitationID); err == nil {
			j := toInvitationJSON(inv)
			out.Invitation = &j
		}
	}
	writeJSON(w, http.StatusCreated, out)
}

// accountWriteError maps the errors of admin account writes to answers.
func (s *Server) accountWriteError(w http.ResponseWriter, r *http.Request, err error) {
	var owned *account.OwnedError
	switch {
	case errors.As(err, &owned):
		writeError(w, r, http.StatusConflict, "owned_by_integration",
			"this account is owned by integration \""+owned.IntegrationName+"\"; change it at the source, the next sync would overwrite it")
	case errors.Is(err, account.ErrInvalid):
		writeError(w, r, http.StatusBadRequest, "invalid_account", invalidReason(err))
	case errors.Is(err, store.ErrVersionMismatch):
		writeError(w, r, http.StatusPreconditionFailed, "version_mismatch", "the account changed since you read it")
	case errors.Is(err, store.ErrConflict):
		writeError(w, r, http.StatusConflict, "already_exists", "an account with this user name or external id exists")
	case errors.Is(err, store.ErrNotFound), errors.Is(err, invite.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "no such account")
	default:
		s.internalError(w, r, err)
	}
}
