package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/csvexport"
	"github.com/provisiond/provisiond/invite"
)

const accessCodesUsage = `Usage:
  provisiond access-codes export [--integration N] > codes.csv

Writes every live access code as CSV to stdout (header: accountId, userName,
displayName, externalId, integration, code, expiresAt), for printing or
handing over. The export is audited. Treat the file as a secret.

Example:
  provisiond access-codes export --integration corp > codes.csv
`

func init() {
	register("access-codes", command{summary: "export access codes as CSV", usage: accessCodesUsage, run: runAccessCodes})
}

func runAccessCodes(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(out, accessCodesUsage)
			return nil
		}
		return usagef("which access-codes command? export")
	}
	fs, cfg := newFlags("access-codes export", accessCodesUsage, out)
	ref := fs.String("integration", "", "only this integration (name or id)")
	a, err := parseAndOpen(ctx, fs, cfg, args[1:], accessCodesUsage, out)
	if err != nil {
		return err
	}
	defer a.Close()
	intID := ""
	if *ref != "" {
		in, err := integrationByArg(ctx, a, *ref)
		if err != nil {
			return err
		}
		intID = in.ID
	}
	w := csvexport.NewWriter(out)
	w.Write([]string{"accountId", "userName", "displayName", "externalId", "integration", "code", "expiresAt"})
	err = a.invites.ExportAccessCodes(ctx, "cli", intID, func(r invite.CodeRow) error {
		return w.Write([]string{r.AccountID, r.UserName, r.DisplayName, r.ExternalID, r.Integration, r.Code,
			r.ExpiresAt.Format(time.RFC3339)})
	})
	w.Flush()
	if err != nil {
		return err
	}
	return w.Error()
}
