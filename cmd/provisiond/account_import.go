package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/provisiond/provisiond/invite"
)

func accountImport(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("account import", accountUsage, out)
	dry := fs.Bool("dry-run", false, "only report what would happen")
	choice := fs.String("invite", "later", "now or later")
	message := fs.String("message", "", "plain-text message added to the mail")
	if err := parse(fs, args, accountUsage, out); err != nil {
		return err
	}
	// The file may come before or after the flags.
	rest := fs.Args()
	if len(rest) > 0 {
		if err := parse(fs, rest[1:], accountUsage, out); err != nil {
			return err
		}
		rest = append(rest[:1], fs.Args()...)
	}
	if len(rest) != 1 {
		return usagef("give one FILE.csv or FILE.xlsx")
	}
	inv, ok := invite.ParseInviteChoice(*choice)
	if !ok {
		return usagef("--invite is now or later")
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("account import: %w", unwrapPath(err))
	}
	rows, err := invite.ParseAccountImport(filepath.Base(rest[0]), data)
	if err != nil {
		return fmt.Errorf("account import %s: %w", rest[0], err)
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.invites.ImportAccounts(ctx, a.accounts, cliActor, rows,
		invite.AccountImportOptions{FileName: filepath.Base(rest[0]), DryRun: *dry, Invite: inv, Message: *message})
	if err != nil {
		return err
	}
	for _, r := range res.Rows {
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\t%s\n", r.Row, r.Value, r.Result, r.Reason, r.Invitation)
	}
	imp := res.Import
	mode := ""
	if imp.DryRun {
		mode = " (dry run: created counts the rows to create; no account written)"
	}
	fmt.Fprintf(out, "import %s: created %d, already exists %d, invalid %d, invited %d%s\n",
		imp.ID, imp.CreatedCount, imp.ExistingCount, imp.InvalidCount, imp.InvitedCount, mode)
	return nil
}
