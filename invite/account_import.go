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
	// Progress, when set, is told after each chunk of rows is handled (the CLI's
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

// checkRows says, for each row, whether it would be created (RowCreate),
// already exists or is invalid. Rows are checked against each other too: a
// second row with the same user name or external id is invalid. The
// accounts are then looked up by batches of names and external ids
// (existing), not row by row.
func checkRows(ctx context.Context, st *store.Store, rows []AccountImportRow) ([]AccountImportReport, error) {
	rep := make([]AccountImportReport, len(rows))
	var cands []candidate
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
		cands = append(cands, candidate{i: i, userName: a.UserName, externalID: a.ExternalID})
	}
	if err := existing(ctx, st, cands, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// candidate is a row checkRows found valid, to look up.
type candidate struct {
	i          int
	userName   string
	externalID *string
}

// existing marks already_exists, with why, the rows of cands whose account
// would clash with a live one: one with its user name (an unconfirmed
// sign-up is no clash: the admin's account replaces it, account/signups.go)
// or an admin-created one with its external id.
func existing(ctx context.Context, st *store.Store, cands []candidate, rep []AccountImportReport) error {
	names := make([]string, 0, len(cands))
	var exts []string
	for _, c := range cands {
		names = append(names, c.userName)
		if c.externalID != nil {
			exts = append(exts, *c.externalID)
		}
	}
	byName, err := st.AccountIDsHoldingUserNames(ctx, names)
	if err != nil {
		return fmt.Errorf("invite: import check: %w", err)
	}
	byExt, err := st.AdminAccountIDsByExternalIDs(ctx, exts)
	if err != nil {
		return fmt.Errorf("invite: import check: %w", err)
	}
	for _, c := range cands {
		r := &rep[c.i]
		if id, ok := byName[c.userName]; ok {
			r.Result, r.Reason, r.AccountID = RowAlreadyExists, "an account with this user name exists", id
			continue
		}
		if c.externalID == nil {
			continue
		}
		if id, ok := byExt[*c.externalID]; ok {
			r.Result, r.Reason, r.AccountID = RowAlreadyExists, "an admin-created account with this external id exists", id
		}
	}
	return nil
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
