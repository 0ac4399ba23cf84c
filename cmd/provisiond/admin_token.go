package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/store"
)

// adminToken runs `admin token list` and `admin token revoke [NAME|ID]`.
func adminToken(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "admin token", adminUsage, []subcommand{
		{"list", adminTokenList}, {"revoke", adminTokenRevoke}}, args, out)
}

func adminTokenList(ctx context.Context, args []string, out io.Writer) error {
	return listTable(ctx, "admin token list", args, adminUsage, out, "ID\tNAME\tROLE\tCREATED\tREVOKED",
		func(a *app) ([]store.AdminToken, error) { return a.store.AdminTokens(ctx) },
		func(tw io.Writer, t store.AdminToken) {
			revoked := "-"
			if t.RevokedAt != nil {
				revoked = t.RevokedAt.Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.CreatedAt.Format(time.DateTime), revoked)
		})
}

func adminTokenRevoke(ctx context.Context, args []string, out io.Writer) error {
	ref := "bootstrap"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		ref, args = args[0], args[1:]
	}
	return withApp(ctx, "admin token revoke", args, adminUsage, out, func(a *app) error {
		toks, err := a.store.RevokeAdminTokens(ctx, ref, "cli")
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no admin token named or with id %q (see 'provisiond admin token list')", ref)
		}
		if err != nil {
			return err
		}
		if len(toks) == 0 {
			fmt.Fprintf(out, "admin token %q was already revoked\n", ref)
			return nil
		}
		for _, t := range toks {
			fmt.Fprintf(out, "revoked admin token %q (id %s); it no longer works and is never installed again\n", t.Name, t.ID)
		}
		return nil
	})
}
