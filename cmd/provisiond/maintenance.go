package main

import (
	"context"
	"fmt"
	"io"
)

const maintenanceUsage = `Usage: provisiond maintenance [--config FILE]

Runs the invitation expiry and purge jobs once: sent invitations past their
expiry (inviteTTL after first send), invitations waiting for approval past
approvalTTL, access codes past accessCodeTTL (their accounts return to
not_invited), and invitation records older than purgeAfter. 'serve' runs the
same jobs every maintenanceEvery, once per tick across replicas.

Example:
  provisiond maintenance
`

func init() {
	register("maintenance", command{summary: "run the expiry and purge jobs once", usage: maintenanceUsage, run: runMaintenance})
}

func runMaintenance(ctx context.Context, args []string, out io.Writer) error {
	return withApp(ctx, "maintenance", args, maintenanceUsage, out, func(a *app) error {
		rep, err := a.invites.Maintain(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "expired %d invitations, %d awaiting approval, %d access codes; purged %d records; swept %d dead rows\n",
			rep.Expired, rep.ApprovalsDue, rep.CodesExpired, rep.Purged, rep.Swept)
		// OAuth client secrets past their rotation overlap (they stopped
		// minting at their expiry already): recorded and audited as retired.
		n, err := a.integrations.RetireLapsedOAuthSecrets(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "retired %d OAuth client secrets past their overlap\n", n)
		return nil
	})
}
