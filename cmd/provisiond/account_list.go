package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/store"
)

// accountRow is an account as account list prints it; --output json uses
// these field names (docs/cli.md), the admin API's.
type accountRow struct {
	ID            string    `json:"id"`
	UserName      string    `json:"userName"`
	Email         string    `json:"email,omitempty"`
	DisplayName   string    `json:"displayName,omitempty"`
	Status        string    `json:"status"`
	Active        bool      `json:"active"`
	Origin        string    `json:"origin"`
	IntegrationID string    `json:"integrationId,omitempty"`
	CreatedAt     time.Time `json:"createdAt"`
}

var accountColumns = []column[accountRow]{
	{"ID", func(r accountRow) string { return r.ID }},
	{"USER NAME", func(r accountRow) string { return r.UserName }},
	{"EMAIL", func(r accountRow) string { return r.Email }},
	{"STATUS", func(r accountRow) string { return r.Status }},
	{"ORIGIN", func(r accountRow) string { return r.Origin }},
	{"CREATED", func(r accountRow) string { return r.CreatedAt.Format("2006-01-02 15:04") }},
}

func accountList(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("account list", accountUsage, out)
	status := fs.String("status", "", "only this status (not_invited, invited, active, ...)")
	integ := fs.String("integration", "", "only this integration's accounts (name or id)")
	q := fs.String("q", "", "substring of the user name, emails, display name or name parts")
	limit := fs.Int("limit", 100, "at most this many (1-1000)")
	offset := fs.Int("offset", 0, "skip this many")
	format := outputFlag(fs, outputTable)
	if err := parse(fs, args, accountUsage, out); err != nil {
		return err
	}
	if err := checkOutput(*format); err != nil {
		return err
	}
	if *limit < 1 || *limit > 1000 || *offset < 0 {
		return usagef("--limit is 1 to 1000 and --offset at least 0")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	f := store.AdminAccountQuery{Status: *status, Q: *q, Limit: *limit, Offset: *offset}
	if *integ != "" {
		in, err := integrationByArg(ctx, a, *integ)
		if err != nil {
			return err
		}
		f.IntegrationID = in.ID
	}
	accts, total, err := a.store.AdminAccounts(ctx, f)
	if err != nil {
		return err
	}
	rows := make([]accountRow, len(accts))
	for i, ac := range accts {
		rows[i] = accountRow{ID: ac.ID, UserName: ac.UserName, Email: ac.Email, DisplayName: ac.DisplayName,
			Status: ac.Status, Active: ac.Active, Origin: ac.Origin, CreatedAt: ac.CreatedAt}
		if ac.IntegrationID != nil {
			rows[i].IntegrationID = *ac.IntegrationID
		}
	}
	if err := printRows(out, *format, accountColumns, rows, map[string]any{"total": total}); err != nil {
		return err
	}
	if int64(*offset+len(rows)) < total && *format != outputJSON {
		fmt.Fprintf(errOut(*format, out), "(%d of %d shown; use --limit and --offset)\n", len(rows), total)
	}
	return nil
}
