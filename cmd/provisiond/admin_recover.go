package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// adminResetPassword lets whoever runs the binary on the database (and so
// already holds its keys) recover console access: it sets a new password,
// re-enables the admin and ends their sessions. With --owner it also makes
// them an owner, so an instance whose owners are all locked out comes back.
func adminResetPassword(ctx context.Context, args []string, stdin io.Reader, out io.Writer) error {
	fs, cfg := newFlags("admin reset-password", adminUsage, out)
	email := fs.String("email", "", "the admin's email address")
	pwFile := fs.String("password-file", "", "file holding the new password (default: standard input)")
	owner := fs.Bool("owner", false, "also make the admin an owner")
	if err := parse(fs, args, adminUsage, out); err != nil {
		return err
	}
	if !strings.Contains(*email, "@") {
		return usagef("--email must be an email address")
	}
	pw, err := readAdminPassword(*pwFile, stdin)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := (password.Policy{MinLength: a.cfg.PasswordMinLength}).Check(pw, *email); err != nil {
		return fmt.Errorf("password refused: %w", err)
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	ad, err := a.store.AdminByEmail(ctx, *email)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no admin with email %q (create one with 'provisiond admin create')", *email)
	}
	if err != nil {
		return err
	}
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.UpdateAdmin(ctx, ad.ID, func(x *store.Admin) error {
			x.PasswordHash, x.Disabled = hash, false
			if *owner {
				x.Role = "owner"
			}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.DeleteAdminSessions(ctx, ad.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, "cli", "admin.password_reset", "admin", ad.ID,
			map[string]any{"email": ad.Email, "owner": *owner})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "password of %s reset; their sessions ended\n", ad.Email)
	return nil
}
