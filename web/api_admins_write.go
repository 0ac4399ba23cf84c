package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
)

// adminInput is the body of POST and PATCH /api/v1/admins; on PATCH, absent
// fields keep their value (integration.AdminInput, which checks them).
type adminInput struct {
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
	Password *string `json:"password"` // local login; never returned
}

// input is the body as the service takes it.
func (in adminInput) input() integration.AdminInput {
	return integration.AdminInput{Email: in.Email, Name: in.Name, Role: in.Role, Disabled: in.Disabled, Password: in.Password}
}

// createAdmin: POST /api/v1/admins (owners only).
func (s *Server) createAdmin(w http.ResponseWriter, r *http.Request) {
	var in adminInput
	if !decodeJSON(w, r, &in) {
		return
	}
	a, err := s.Integrations.CreateAdmin(r.Context(), actor(r), in.input())
	if err != nil {
		s.adminError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/admins/"+a.ID)
	writeJSON(w, http.StatusCreated, toAdminJSON(a))
}

// patchAdmin: PATCH /api/v1/admins/{id} (owners only).
func (s *Server) patchAdmin(w http.ResponseWriter, r *http.Request) {
	var in adminInput
	if !decodeJSON(w, r, &in) {
		return
	}
	a, err := s.Integrations.UpdateAdmin(r.Context(), actor(r), r.PathValue("id"), in.input())
	if err != nil {
		s.adminError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAdminJSON(a))
}

// deleteAdmin: DELETE /api/v1/admins/{id} (owners only).
func (s *Server) deleteAdmin(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	if err := s.Integrations.DeleteAdmin(r.Context(), actor(r), r.PathValue("id"), p.AdminID); err != nil {
		s.adminError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
