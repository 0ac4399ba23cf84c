package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// adminInput is the body of POST and PATCH /api/v1/admins; on PATCH, absent
// fields keep their value. Email cannot change: it is the OIDC identity.
type adminInput struct {
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
	Password *string `json:"password"` // local login; never returned
}

// applyAdmin copies the given fields onto a, checking each; changes gets no secret.
func (s *Server) applyAdmin(in adminInput, a *store.Admin, changes map[string]any) error {
	if in.Name != nil {
		a.Name, changes["name"] = *in.Name, *in.Name
	}
	if in.Role != nil {
		if r := *in.Role; r != "owner" && r != "admin" && r != "viewer" {
			return errInput{"role", "must be owner, admin or viewer"}
		}
		a.Role, changes["role"] = *in.Role, *in.Role
	}
	if in.Disabled != nil {
		a.Disabled, changes["disabled"] = *in.Disabled, *in.Disabled
	}
	if in.Password != nil {
		if err := (password.Policy{MinLength: s.Config.PasswordMinLength}).Check(*in.Password, a.Email, a.Name); err != nil {
			return errInput{"password", err.Error()}
		}
		h, err := password.Hash(*in.Password)
		if err != nil {
			return err
		}
		a.PasswordHash, changes["passwordChanged"] = h, true
	}
	return nil
}

// addAdmin creates a console admin (role admin unless given).
func (s *Server) addAdmin(ctx context.Context, actor string, in adminInput) (*store.Admin, error) {
	if in.Email == nil || !strings.Contains(*in.Email, "@") {
		return nil, errInput{"email", "required, an email address"}
	}
	a := &store.Admin{Email: strings.TrimSpace(*in.Email), Role: "admin", CreatedAt: store.Now(), UpdatedAt: store.Now()}
	changes := map[string]any{"email": a.Email}
	if err := s.applyAdmin(in, a, changes); err != nil {
		return nil, err
	}
	changes["role"] = a.Role
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateAdmin(ctx, a); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "admin.created", "admin", a.ID, changes)
	})
	return a, err
}

// saveAdmin changes admin id. Demoting or disabling the last active owner
// is refused; the admin's sessions end when their role or access changes.
func (s *Server) saveAdmin(ctx context.Context, actor, id string, in adminInput) (*store.Admin, error) {
	if in.Email != nil {
		return nil, errInput{"email", "cannot change; create another admin"}
	}
	var out *store.Admin
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		changes := map[string]any{}
		a, err := tx.UpdateAdmin(ctx, id, func(a *store.Admin) error { return s.applyAdmin(in, a, changes) })
		if err != nil {
			return err
		}
		out = a
		if in.Role != nil || in.Disabled != nil || in.Password != nil {
			if err := tx.DeleteAdminSessions(ctx, a.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, actor, "admin.updated", "admin", a.ID, changes)
	})
	return out, err
}

// removeAdmin deletes admin id on behalf of admin byID, enforcing the owner rules.
func (s *Server) removeAdmin(ctx context.Context, actor, id, byID string) error {
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		a, err := tx.DeleteAdmin(ctx, id, byID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "admin.deleted", "admin", a.ID, map[string]any{"email": a.Email, "role": a.Role})
	})
}

// createAdmin: POST /api/v1/admins (owners only).
func (s *Server) createAdmin(w http.ResponseWriter, r *http.Request) {
	var in adminInput
	if !decodeJSON(w, r, &in) {
		return
	}
	a, err := s.addAdmin(r.Context(), actor(r), in)
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
	a, err := s.saveAdmin(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		s.adminError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAdminJSON(a))
}

// deleteAdmin: DELETE /api/v1/admins/{id} (owners only).
func (s *Server) deleteAdmin(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	if err := s.removeAdmin(r.Context(), actor(r), r.PathValue("id"), p.AdminID); err != nil {
		s.adminError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
