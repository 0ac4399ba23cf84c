package integration

import (
	"context"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// AdminInput is a write of a console admin; on UpdateAdmin, nil fields keep
// their value. Email cannot change: it is the OIDC identity.
type AdminInput struct {
	Email    *string
	Name     *string
	Role     *string // owner, admin (the default) or viewer
	Disabled *bool
	Password *string // local login; hashed (argon2id), never returned or audited
	// Via says how the admin came to be when it is not an admin's or the
	// operator's decision: "oidc" for someone admitted at their first
	// console login. Recorded in the audit event.
	Via string
}

// CreateAdmin creates a console admin. The first admin of an instance is
// always an owner and its creator, whoever creates it (the CLI, the API
// with the bootstrap token, the first OIDC login), whatever Role says.
func (s *Service) CreateAdmin(ctx context.Context, actor string, in AdminInput) (*store.Admin, error) {
	if in.Email == nil || !strings.Contains(*in.Email, "@") {
		return nil, invalid("email", "must be an email address")
	}
	a := &store.Admin{Email: strings.TrimSpace(*in.Email), Role: "admin"}
	details := map[string]any{"email": a.Email}
	if err := s.applyAdmin(in, a, details); err != nil {
		return nil, err
	}
	if in.Via != "" {
		details["via"] = in.Via
	}
	err := s.write(ctx, "create admin", func(tx *store.Store) error {
		n, err := tx.CountAdmins(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			a.Role, a.Creator = "owner", true
		}
		details["role"], details["creator"] = a.Role, a.Creator
		a.CreatedAt, a.UpdatedAt = store.Now(), store.Now()
		if err := tx.CreateAdmin(ctx, a); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "admin.created", "admin", a.ID, details)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// UpdateAdmin changes admin id. Demoting or disabling the last active owner
// is refused (store.ErrLastOwner); the admin's sessions end when their
// role, access or password changes.
func (s *Service) UpdateAdmin(ctx context.Context, actor, id string, in AdminInput) (*store.Admin, error) {
	var out *store.Admin
	if in.Email != nil {
		return out, invalid("email", "cannot change; create another admin")
	}
	err := s.write(ctx, "update admin "+id, func(tx *store.Store) error {
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
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteAdmin deletes admin id on behalf of admin byID, enforcing the owner
// rules (store.ErrLastOwner, store.ErrCreatorSelf).
func (s *Service) DeleteAdmin(ctx context.Context, actor, id, byID string) error {
	return s.write(ctx, "delete admin "+id, func(tx *store.Store) error {
		a, err := tx.DeleteAdmin(ctx, id, byID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "admin.deleted", "admin", a.ID, map[string]any{"email": a.Email, "role": a.Role})
	})
}

// ResetAdminPassword recovers console access for whoever runs the binary on
// the database: a new password, the admin re-enabled (and made an owner
// with owner), their sessions ended.
func (s *Service) ResetAdminPassword(ctx context.Context, actor, email, pw string, owner bool) (*store.Admin, error) {
	if err := s.checkPassword(pw, email); err != nil {
		return nil, err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return nil, fmt.Errorf("integration: hash password: %w", err)
	}
	var out *store.Admin
	err = s.write(ctx, "reset password of "+email, func(tx *store.Store) error {
		a, err := tx.AdminByEmail(ctx, email)
		if err != nil {
			return err
		}
		if out, err = tx.UpdateAdmin(ctx, a.ID, func(x *store.Admin) error {
			x.PasswordHash, x.Disabled = hash, false
			if owner {
				x.Role = "owner"
			}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.DeleteAdminSessions(ctx, a.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "admin.password_reset", "admin", a.ID, map[string]any{"email": a.Email, "owner": owner})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// applyAdmin copies the given fields onto a, checking each; changes gets no
// secret.
func (s *Service) applyAdmin(in AdminInput, a *store.Admin, changes map[string]any) error {
	if in.Name != nil {
		a.Name, changes["name"] = *in.Name, *in.Name
	}
	if in.Role != nil {
		if r := *in.Role; r != "owner" && r != "admin" && r != "viewer" {
			return invalid("role", "must be owner, admin or viewer")
		}
		a.Role, changes["role"] = *in.Role, *in.Role
	}
	if in.Disabled != nil {
		a.Disabled, changes["disabled"] = *in.Disabled, *in.Disabled
	}
	if in.Password != nil {
		if err := s.checkPassword(*in.Password, a.Email, a.Name); err != nil {
			return err
		}
		h, err := password.Hash(*in.Password)
		if err != nil {
			return fmt.Errorf("integration: hash password: %w", err)
		}
		a.PasswordHash, changes["passwordChanged"] = h, true
	}
	return nil
}

// checkPassword applies the policy; personal are the admin's email and name,
// which the password must not contain.
func (s *Service) checkPassword(pw string, personal ...string) error {
	if err := s.Password.Check(pw, personal...); err != nil {
		return invalid("password", "%s", err.Error())
	}
	return nil
}
