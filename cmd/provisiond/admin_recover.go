package main

import (
	"context"
	"errors"
	"fmt"
	"io"

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
	a, pw, err := openWithPassword(ctx, fs, cfg, pwFile, args, stdin, out)
	if err != nil {
		return err
	}
	defer a.Close()
	ad, err := a.integrations.ResetAdminPassword(ctx, "cli", *email, pw, *owner)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no admin with email %q (create one with 'provisiond admin create')", *email)
	}
	if err != nil {
		return refused(err, adminFlags)
	}
	fmt.Fprintf(out, "password of %s reset; their sessions ended\n", ad.Email)
	return nil
}
