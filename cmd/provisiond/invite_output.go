package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/provisiond/provisiond/invite"
)

// inviteRow is one line of an invite report, as --output json shows it
// (docs/cli.md): row (--file only), value, accountId, result, reason, link
// (the claim link to hand over when the server mails nothing).
type inviteRow struct {
	Row       int    `json:"row,omitempty"`
	Value     string `json:"value"`
	AccountID string `json:"accountId,omitempty"`
	Result    string `json:"result"`
	Reason    string `json:"reason,omitempty"`
	Link      string `json:"link,omitempty"`
}

var (
	cellValue   = column[inviteRow]{"VALUE", func(r inviteRow) string { return r.Value }}
	cellAccount = column[inviteRow]{"ACCOUNT", func(r inviteRow) string { return r.AccountID }}
	cellResult  = column[inviteRow]{"RESULT", func(r inviteRow) string { return r.Result }}
	cellReason  = column[inviteRow]{"REASON", func(r inviteRow) string { return r.Reason }}
	cellLink    = column[inviteRow]{"LINK", func(r inviteRow) string { return r.Link }}
	// fileColumns keep invite --file's historic order: row, value, result, reason.
	fileColumns = []column[inviteRow]{{"ROW", func(r inviteRow) string { return strconv.Itoa(r.Row) }},
		cellValue, cellResult, cellReason, cellAccount, cellLink}
	// resultColumns keep --emails' and --account's: value, account, result, reason.
	resultColumns = []column[inviteRow]{cellValue, cellAccount, cellResult, cellReason, cellLink}
)

func fileRows(rs []invite.ImportReport) []inviteRow {
	out := make([]inviteRow, len(rs))
	for i, r := range rs {
		out[i] = inviteRow{Row: r.Row, Value: r.Value, AccountID: r.AccountID, Result: string(r.Outcome), Reason: r.Reason, Link: r.Link}
	}
	return out
}

func resultRows(rs []invite.InviteResult) []inviteRow {
	out := make([]inviteRow, len(rs))
	for i, r := range rs {
		out[i] = inviteRow{Value: r.Value, AccountID: r.AccountID, Result: string(r.Outcome), Reason: r.Reason, Link: r.Link}
	}
	return out
}

// printInviteRows prints an invite report (what was done before err, too)
// and answers err, or a rowsFailedError when a row is invalid or not_found.
func printInviteRows(out io.Writer, a *app, format string, cols []column[inviteRow], rows []inviteRow, err error) error {
	if perr := printRows(out, format, cols, rows, map[string]any{"mail": mailState(a)}); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	return failedRows(rows, func(r inviteRow) bool {
		return r.Result == string(invite.Invalid) || r.Result == string(invite.NotFound)
	})
}

// mailState says who mails what a command queued: "queued" (the running
// server's workers) or "not_sent" (no SMTP: the links are shown).
func mailState(a *app) string {
	if a.invites.MailEnabled() {
		return "queued"
	}
	return "not_sent"
}

// maxUploadBytes bounds a file a command reads (invite --file, account
// import), as the admin API's import limit does (docs/security.md).
const maxUploadBytes = 20 << 20

// readUpload reads a regular file of at most maxUploadBytes: a device, a
// FIFO or a directory is refused before anything is read.
func readUpload(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > maxUploadBytes {
		return nil, fmt.Errorf("%s is larger than %d MB", path, maxUploadBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxUploadBytes+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > maxUploadBytes {
		return nil, fmt.Errorf("%s is larger than %d MB", path, maxUploadBytes>>20)
	}
	return data, nil
}
