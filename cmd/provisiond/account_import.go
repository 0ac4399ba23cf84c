package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/provisiond/provisiond/invite"
)

func accountImport(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("account import", accountUsage, out)
	dry := fs.Bool("dry-run", false, "only report what would happen")
	choice := fs.String("invite", "later", "now or later")
	message := fs.String("message", "", "plain-text message added to the mail")
	format := outputFlag(fs, outputTSV)
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
	if err := checkOutput(*format); err != nil {
		return err
	}
	inv, ok := invite.ParseInviteChoice(*choice)
	if !ok {
		return usagef("--invite is now or later")
	}
	data, err := readUpload(rest[0])
	if err != nil {
		return fmt.Errorf("account import: %w", err)
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
	bar := newProgressBar(os.Stderr)
	res, err := a.invites.ImportAccounts(ctx, a.accounts, cliActor, rows, invite.AccountImportOptions{
		FileName: filepath.Base(rest[0]), DryRun: *dry, Invite: inv, Message: *message, Progress: bar.count("rows")})
	bar.finish()
	if err != nil {
		return err
	}
	imp := res.Import
	summary := map[string]any{"importId": imp.ID, "dryRun": imp.DryRun, "created": imp.CreatedCount,
		"alreadyExists": imp.ExistingCount, "invalid": imp.InvalidCount, "invited": imp.InvitedCount, "mail": mailState(a)}
	rowsOut := make([]importRow, len(res.Rows))
	for i, r := range res.Rows {
		rowsOut[i] = importRow{r, r.Link}
	}
	if err := printRows(out, *format, importColumns, rowsOut, summary); err != nil {
		return err
	}
	mode := ""
	if imp.DryRun {
		mode = " (dry run: created counts the rows to create; no account written)"
	}
	line := fmt.Sprintf("import %s: created %d, already exists %d, invalid %d, invited %d%s\n",
		imp.ID, imp.CreatedCount, imp.ExistingCount, imp.InvalidCount, imp.InvitedCount, mode)
	switch *format {
	case outputTable:
		fmt.Fprint(out, line)
	case outputTSV:
		fmt.Fprint(os.Stderr, line) // stdout stays one table
	}
	return failedRows(res.Rows, func(r invite.AccountImportReport) bool { return r.Result == invite.RowInvalid })
}

// importRow is a line of account import's report: the kept report's
// fields (invite.AccountImportReport) and the link to hand over when the
// server mails nothing (docs/cli.md).
type importRow struct {
	invite.AccountImportReport
	Link string `json:"link,omitempty"`
}

// importColumns are account import's report columns.
var importColumns = []column[importRow]{
	{"ROW", func(r importRow) string { return strconv.Itoa(r.Row) }},
	{"VALUE", func(r importRow) string { return r.Value }},
	{"RESULT", func(r importRow) string { return r.Result }},
	{"REASON", func(r importRow) string { return r.Reason }},
	{"INVITATION", func(r importRow) string { return r.Invitation }},
	{"ACCOUNT", func(r importRow) string { return r.AccountID }},
	{"LINK", func(r importRow) string { return r.Link }},
}
