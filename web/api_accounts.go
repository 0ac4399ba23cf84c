package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// accountJSON is an account as the admin API shows it.
type accountJSON struct {
	ID                string          `json:"id"`
	UserName          string          `json:"userName"`
	ExternalID        *string         `json:"externalId,omitempty"`
	IntegrationID     *string         `json:"integrationId,omitempty"`
	Origin            string          `json:"origin"`
	DisplayName       string          `json:"displayName"`
	GivenName         string          `json:"givenName,omitempty"`
	FamilyName        string          `json:"familyName,omitempty"`
	Email             string          `json:"email"`
	Emails            []emailJSON     `json:"emails"`
	PreferredLanguage string          `json:"preferredLanguage,omitempty"`
	Locale            string          `json:"locale,omitempty"`
	Active            bool            `json:"active"`
	Status            string          `json:"status"`
	Held              string          `json:"held,omitempty"` // deactivate|delete: its integration's change the breaker holds
	CreatedAt         time.Time       `json:"createdAt"`
	UpdatedAt         time.Time       `json:"updatedAt"`
	ClaimedAt         *time.Time      `json:"claimedAt,omitempty"`
	Invitation        *invitationJSON `json:"invitation,omitempty"` // the open one, on GET {id}
}

type emailJSON struct {
	Value   string `json:"value"`
	Type    string `json:"type,omitempty"`
	Primary bool   `json:"primary"`
}

func toAccountJSON(a *store.Account) accountJSON {
	out := accountJSON{ID: a.ID, UserName: a.UserName, ExternalID: a.ExternalID, IntegrationID: a.IntegrationID,
		Origin: a.Origin, DisplayName: a.DisplayName, GivenName: a.GivenName, FamilyName: a.FamilyName,
		Email: a.Email, Emails: []emailJSON{}, PreferredLanguage: a.PreferredLanguage, Locale: a.Locale,
		Active: a.Active, Status: a.Status, Held: a.Held, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, ClaimedAt: a.ClaimedAt}
	for _, e := range a.Emails {
		out.Emails = append(out.Emails, emailJSON{Value: e.Value, Type: e.Type, Primary: e.IsPrimary})
	}
	return out
}

// listAccounts: GET /api/v1/accounts?status=&integration=&q=&limit=&offset=
func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset := page(r)
	f := store.AdminAccountQuery{Status: q.Get("status"), Q: q.Get("q"), Limit: limit, Offset: offset}
	var ok bool
	if f.IntegrationID, ok = s.integrationFilter(w, r); !ok {
		return
	}
	accts, total, err := s.Store.AdminAccounts(r.Context(), f)
	answerList(s, w, r, accts, total, err, toAccountJSON)
}

// getAccount: GET /api/v1/accounts/{id}, with its open invitation if any.
func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.AccountByID(r.Context(), r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such account") {
		return
	}
	out := toAccountJSON(a)
	if inv, err := s.Store.OpenInvitation(r.Context(), a.ID); err == nil {
		j := toInvitationJSON(inv)
		out.Invitation = &j
	} else if !errors.Is(err, store.ErrNotFound) {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// integrationParam resolves an integration given by name or id, answering
// 400 when there is none.
// integrationFilter resolves the request's ?integration= (a name or an id)
// to an id, "" when absent; ok is false when it has answered a 400 or 500.
func (s *Server) integrationFilter(w http.ResponseWriter, r *http.Request) (id string, ok bool) {
	ref := r.URL.Query().Get("integration")
	if ref == "" {
		return "", true
	}
	in, ok := s.integrationParam(w, r, ref)
	if !ok {
		return "", false
	}
	return in.ID, true
}

func (s *Server) integrationParam(w http.ResponseWriter, r *http.Request, ref string) (*store.Integration, bool) {
	in, err := s.Store.IntegrationByRef(r.Context(), ref)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, r, http.StatusBadRequest, "invalid_parameter", "no such integration")
		return nil, false
	}
	if err != nil {
		s.internalError(w, r, err)
		return nil, false
	}
	return in, true
}
