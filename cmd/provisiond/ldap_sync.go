package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
)

const ldapSyncUsage = `Usage: provisiond ldap-sync --integration N [--dry-run] [--full] [--force] [--config FILE]

Runs one sync of an LDAP integration (name or id), for cron jobs: an
incremental run when the directory and the stored cookie allow it, else a
full one. A terminal gets a progress bar on stderr; stdout gets one summary
line at the end (read, created, updated, suspended, deleted, invited, took).
Every run is recorded in sync_runs (GET /api/v1/sync-runs/{id}).

  --dry-run  read and plan only: print the summary and a sample of the
             changes; no account, group or cookie is written
  --full     ignore the incremental cookie: read everything and reconcile
  --force    lift a safety stop (no users found, too many deactivations,
             a referral) for this run only

Exit status: 0 done, 1 failed, 3 safety stop (nothing was changed), 2 usage.

Example:
  provisiond ldap-sync --integration corp-ldap --dry-run
  provisiond ldap-sync --integration corp-ldap
`

func init() {
	register("ldap-sync", command{summary: "run one LDAP sync (cron)", usage: ldapSyncUsage, run: runLDAPSync})
}

// safetyStopError makes a safety stop exit with status 3.
type safetyStopError struct{ error }

func (safetyStopError) ExitCode() int   { return 3 }
func (e safetyStopError) Unwrap() error { return e.error }

func runLDAPSync(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("ldap-sync", ldapSyncUsage, out)
	name := fs.String("integration", "", "LDAP integration name or id")
	dry := fs.Bool("dry-run", false, "plan only, write nothing")
	full := fs.Bool("full", false, "full sync: ignore the incremental cookie")
	force := fs.Bool("force", false, "lift the safety stops once")
	if err := parse(fs, args, ldapSyncUsage, out); err != nil {
		return err
	}
	if *name == "" {
		return usagef("--integration is required")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.store.IntegrationByRef(ctx, *name)
	if err != nil {
		return fmt.Errorf("integration %q: %w", *name, err)
	}
	bar := newProgressBar(os.Stderr)
	run, sum, err := a.directory.Sync(ctx, directory.RunOptions{Integration: in, DryRun: *dry,
		Full: *full, Force: *force, Trigger: "cli", Progress: bar.update})
	bar.finish()
	if run != nil {
		a.log.Info("ldap sync recorded", "run", run.ID, "status", run.Status)
	}
	switch {
	case ldapsync.IsSafetyStop(err):
		return safetyStopError{err}
	case errors.Is(err, directory.ErrNotLDAP):
		return fmt.Errorf("integration %q is not an LDAP integration (kind %s)", in.Name, in.Kind)
	case err != nil:
		return err
	}
	fmt.Fprintln(out, sum.String())
	if *dry {
		printSample(out, sum)
	}
	return nil
}

// printSample lists the dry run's sample of planned changes.
func printSample(out io.Writer, sum ldapsync.Summary) {
	if len(sum.Sample) == 0 {
		fmt.Fprintln(out, "no changes")
		return
	}
	fmt.Fprintf(out, "sample of the changes (%d shown):\n", len(sum.Sample))
	for _, c := range sum.Sample {
		who := c.UserName
		if who == "" {
			who = c.ExternalID
		}
		fmt.Fprintf(out, "  %-7s %s (%s)\n", c.Op, who, c.DN)
	}
}
