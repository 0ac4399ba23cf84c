package directory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// RunOptions is one sync run of an LDAP integration.
type RunOptions struct {
	Integration *store.Integration
	DryRun      bool   // plan and report; no account, group or cookie is written
	Full        bool   // ignore the cookie: read everything and reconcile
	Force       bool   // lift the overridable safety stops once
	Trigger     string // who asked: "cli", "schedule", "api:token:NAME"
	// Owner identifies the lease holder; a scheduler that claimed the tick
	// passes its own. Empty: a fresh one.
	Owner    string
	Progress func(ldapsync.Progress) // the CLI's bar; optional
	// Started is called once the sync_runs row exists, before any LDAP I/O.
	Started func(run *store.SyncRun)
}

// ErrSyncRunning means another run of the same integration holds its lease.
var ErrSyncRunning = errors.New("directory: a sync of this integration is already running")

// ErrIntegrationDisabled means the integration is disabled: it does not sync.
var ErrIntegrationDisabled = errors.New("directory: the integration is disabled")

// ErrNotLDAP means the integration has no LDAP configuration.
var ErrNotLDAP = errors.New("directory: not an LDAP integration")

// Lease timing: a run renews its lease every leaseRenew; a process that died
// frees the integration within leaseTTL.
const (
	leaseTTL      = 2 * time.Minute
	leaseRenew    = 30 * time.Second
	progressFlush = time.Second
)

// ConfigOf decodes the configuration stored on an LDAP integration.
func ConfigOf(in *store.Integration) (ldapsync.Config, error) {
	var c ldapsync.Config
	if in.Kind != "ldap" || in.LDAPConfig == nil || *in.LDAPConfig == "" {
		return c, fmt.Errorf("%w: %q", ErrNotLDAP, in.Name)
	}
	if err := json.Unmarshal([]byte(*in.LDAPConfig), &c); err != nil {
		return c, fmt.Errorf("directory: ldap config of %q: %w", in.Name, err)
	}
	return c, nil
}

// Sync runs one sync of an LDAP integration under its lease, recorded as
// a sync_runs row with live progress (flushed every second) and a final
// status: succeeded, failed, or stopped (a safety stop: nothing changed).
// The run row is returned whenever it was created, with the error if any.
func (s *Service) Sync(ctx context.Context, o RunOptions) (*store.SyncRun, ldapsync.Summary, error) {
	in := o.Integration
	if _, err := ConfigOf(in); err != nil {
		return nil, ldapsync.Summary{}, err
	}
	if o.Owner == "" {
		o.Owner = store.NewID()
	}
	ok, err := s.Accounts.Store.AcquireLDAPLease(ctx, in.ID, o.Owner, time.Now().Add(leaseTTL))
	if err != nil {
		return nil, ldapsync.Summary{}, fmt.Errorf("directory: ldap sync %q: %w", in.Name, err)
	}
	if !ok {
		return nil, ldapsync.Summary{}, fmt.Errorf("%w (%q)", ErrSyncRunning, in.Name)
	}
	bg := context.WithoutCancel(ctx) // bookkeeping must outlive a cancelled run
	// Re-read under the lease: the cookie and policy of the previous run.
	fresh, err := s.Accounts.Store.IntegrationByID(ctx, in.ID)
	if err == nil && fresh.Disabled {
		err = ErrIntegrationDisabled
	}
	if err != nil {
		_ = s.Accounts.Store.ReleaseLDAPLease(bg, in.ID, o.Owner, false)
		return nil, ldapsync.Summary{}, fmt.Errorf("directory: ldap sync %q: %w", in.Name, err)
	}
	in = fresh
	// The settings as they are now, under the lease, with the sealed
	// password opened for this run only.
	cfg, cfgErr := s.DialConfig(in)
	run := &store.SyncRun{IntegrationID: in.ID, Mode: "incremental", DryRun: o.DryRun, Trigger: o.Trigger}
	if o.Full {
		run.Mode = "full"
	}
	err = s.Accounts.Store.FailAbandonedSyncRuns(ctx, in.ID)
	if err == nil {
		err = s.Accounts.Store.CreateSyncRun(ctx, run)
	}
	if err != nil {
		_ = s.Accounts.Store.ReleaseLDAPLease(bg, in.ID, o.Owner, false)
		return nil, ldapsync.Summary{}, fmt.Errorf("directory: ldap sync %q: %w", in.Name, err)
	}
	if o.Started != nil {
		o.Started(run)
	}
	hb := s.startHeartbeat(bg, run, o.Owner)
	target := s.Target(in)
	if o.Force {
		// --force is an admin's explicit decision on this run: the breaker
		// must not hold what the safety check was told to let through.
		target.acc = target.acc.WithoutBreaker()
	}
	var sum ldapsync.Summary
	runErr := cfgErr
	if runErr == nil {
		sum, runErr = ldapsync.Run(ctx, ldapsync.RunOptions{
			IntegrationID: in.ID, Config: cfg, Target: target, Cookie: in.SyncCookie,
			DryRun: o.DryRun, Full: o.Full, Force: o.Force, Logger: s.Accounts.Log,
			Progress: func(p ldapsync.Progress) {
				hb.set(p)
				if o.Progress != nil {
					o.Progress(p)
				}
			},
		})
	}
	hb.stop()
	target.denied.report(&sum)
	finishRun(run, sum, runErr)
	if err := s.Accounts.Store.UpdateSyncRun(bg, run); err != nil {
		s.Accounts.Log.Error("ldap sync: record the run's end", "run", run.ID, "err", err)
	}
	full := runErr == nil && !o.DryRun && sum.Mode == "full"
	if err := s.Accounts.Store.ReleaseLDAPLease(bg, in.ID, o.Owner, full); err != nil {
		s.Accounts.Log.Error("ldap sync: release lease", "integration", in.Name, "err", err)
	}
	return run, sum, runErr
}

// finishRun fills the run's final status, counts and message.
func finishRun(run *store.SyncRun, sum ldapsync.Summary, err error) {
	now := store.Now()
	run.FinishedAt = &now
	if sum.Mode != "" {
		run.Mode = sum.Mode
	}
	run.ReadCount, run.CreatedCount, run.UpdatedCount = sum.Read, sum.Created, sum.Updated
	run.SuspendedCount, run.DeletedCount, run.InvitedCount = sum.Suspended, sum.Deleted, sum.Invited
	switch {
	case err == nil:
		run.Status, run.Message = store.SyncSucceeded, sum.String()
	case ldapsync.IsSafetyStop(err):
		run.Status, run.Message = store.SyncStopped, err.Error()
	default:
		run.Status, run.Message = store.SyncFailed, err.Error()
	}
}
