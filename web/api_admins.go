package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// adminJSON is a console admin as the API shows it (never the password hash).
type adminJSON struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	Creator     bool      `json:"creator"`
	Disabled    bool      `json:"disabled"`
	HasPassword bool      `json:"hasPassword"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

func toAdminJSON(a *store.Admin) adminJSON {
	return adminJSON{ID: a.ID, Email: a.Email, Name: a.Name, Role: a.Role, Creator: a.Creator,
		Disabled: a.Disabled, HasPassword: a.PasswordHash != "", CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

// listAdmins: GET /api/v1/admins.
func (s *Server) listAdmins(w http.ResponseWriter, r *http.Request) {
	as, err := s.Store.Admins(r.Context())
	answerList(s, w, r, as, int64(len(as)), err, toAdminJSON)
}

// getAdmin: GET /api/v1/admins/{id}.
func (s *Server) getAdmin(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.AdminByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.adminError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAdminJSON(a))
}

// adminRefusals are the answers to the admin rules' errors.
var adminRefusals = []refusal{
	{store.ErrLastOwner, http.StatusConflict, "last_owner", "the last active owner cannot be deleted, disabled or demoted"},
	{store.ErrCreatorSelf, http.StatusConflict, "creator_self", "the owner who created the instance cannot delete themself"},
}

// adminError maps the admin rules and store errors to API errors.
func (s *Server) adminError(w http.ResponseWriter, r *http.Request, err error) {
	if !refuse(w, r, err, adminRefusals) {
		s.writeFailed(w, r, err, "no such admin", "an admin with that email already exists")
	}
}
