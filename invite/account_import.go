package invite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// Results of an account import row.
const (
	RowCreate        = "create" // dry run: would be created
	RowCreated       = "created"
	RowAlreadyExists = "already_exists"
	RowInvalid       = "invalid"
)

// AccountImportReport is one line of an account import's report.
type AccountImportReport struct {
	Row        int    `json:"row"`
	Value      string `json:"value"`
	Result     string `json:"result"` // create|created|already_exists|invalid
	Reason     string `json:"reason,omitempty"`
	AccountID  string `json:"accountId,omitempty"`
	Invitation string `json:"invitation,omitempty"` // created rows: invited|access_code|"" (invite later)
	// Link is the claim link to hand over when nothing mails it (no SMTP);
	// the CLI prints it, the kept report and the API leave it out.
	Link string `json:"-"`
}

// AccountImportOptions are an admin's choices for one import.
type AccountImportOptions struct {
	FileName string
	DryRun   bool
	Invite   string // "now" or "later" (default)
	Message  string // plain text added to the invitation mail
	// Progress, when set, is told after each row is handled (the CLI's
	// progress bar); it must be quick.
	Progress func(done, total int)
}

// AccountImportResult is a kept import and its report.
type AccountImportResult struct {
	Import *store.AccountImport
	Rows   []AccountImportReport
}

// ErrImportApplied means a preview was already applied.
var ErrImportApplied = errors.New("invite: this preview was already applied")

// checkRows says, for each row, whether it would be created, already
// exists or is invalid, and returns the accounts to create by row index.
// Rows are checked against each other too: a second row with the same
// user name or external id is invalid.
func checkRows(ctx context.Context, st *store.Store, rows []AccountImportRow) ([]AccountImportReport, map[int]*store.Account, error) {
	rep := make([]AccountImportReport, len(rows))
	accts := make(map[int]*store.Account, len(rows))
	seenUser, seenExt := map[string]int{}, map[string]int{}
	for i, r := range rows {
		rep[i] = AccountImportReport{Row: r.Row, Value: r.Value(), Result: RowCreate}
		a, err := r.Input.Build()
		if err != nil {
			rep[i].Result, rep[i].Reason = RowInvalid, reasonOf(err)
			continue
		}
		user := strings.ToLower(a.UserName)
		if prev, dup := seenUser[user]; dup {
			rep[i].Result, rep[i].Reason = RowInvalid, fmt.Sprintf("same user name as row %d", prev)
			continue
		}
		if a.ExternalID != nil {
			if prev, dup := seenExt[*a.ExternalID]; dup {
				rep[i].Result, rep[i].Reason = RowInvalid, fmt.Sprintf("same external id as row %d", prev)
				continue
			}
			seenExt[*a.ExternalID] = r.Row
		}
		seenUser[user] = r.Row
		id, why, err := existing(ctx, st, a)
		if err != nil {
			return nil, nil, err
		}
		if id != "" {
			rep[i].Result, rep[i].Reason, rep[i].AccountID = RowAlreadyExists, why, id
			continue
		}
		accts[i] = a
	}
	return rep, accts, nil
}

// existing returns the id of a live account a would clash with, and why. An
// unconfirmed sign-up is no clash: the admin's account replaces it
// (account/signups.go).
func existing(ctx context.Context, st *store.Store, a *store.Account) (string, string, error) {
	if x, err := st.AccountByUserName(ctx, a.UserName); err == nil && !x.IsUnconfirmedSignUp() {
		return x.ID, "an account with this user name exists", nil
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", "", fmt.Errorf("invite: import check: %w", err)
	}
	if a.ExternalID == nil {
		return "", "", nil
	}
	id, err := st.AdminAccountIDByExternalID(ctx, *a.ExternalID)
	if errors.Is(err, store.ErrNotFound) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("invite: import check: %w", err)
	}
	return id, "an admin-created account with this external id exists", nil
}

// reasonOf is the safe text of a validation error (account's
// *store.InvalidError).
func reasonOf(err error) string {
	if e, ok := store.AsInvalid(err); ok {
		return e.Error()
	}
	return "invalid row"
}

// ParseInviteChoice maps "now"/"later" ("" is later) to an option value.
func ParseInviteChoice(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "later":
		return "later", true
	case "now":
		return "now", true
	}
	return "", false
}
