package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// MaintenanceArgs is the periodic expiry-and-purge job.
type MaintenanceArgs struct{}

// Kind names the job in River's table.
func (MaintenanceArgs) Kind() string { return "invitation_maintenance" }

// MaintenanceWorker runs Service.Maintain. River's periodic jobs are
// inserted by the elected leader only, so it runs once per tick across
// replicas; unique-by-period guards a leader change within a tick.
type MaintenanceWorker struct {
	river.WorkerDefaults[MaintenanceArgs]
	Service *Service
}

// Work expires and purges what is due, then runs the other packages'
// chores (Service.Chores).
func (w *MaintenanceWorker) Work(ctx context.Context, _ *river.Job[MaintenanceArgs]) error {
	_, err := w.Service.Maintain(ctx)
	for _, chore := range w.Service.Chores {
		err = errors.Join(err, chore(ctx))
	}
	return err
}

// PeriodicMaintenance is the River periodic job that serve registers.
func PeriodicMaintenance(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) {
			return MaintenanceArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: every}}
		}, &river.PeriodicJobOpts{ID: "invitation-maintenance", RunOnStart: true})
}

// MaintenanceReport counts what one run changed.
type MaintenanceReport struct {
	Expired      int   `json:"expired"`          // sent invitations past 30 days from first send
	ApprovalsDue int   `json:"approvalsExpired"` // needs_approval past 60 days from creation
	CodesExpired int   `json:"accessCodesExpired"`
	Reminded     int   `json:"remindersScheduled"` // reminder mails queued (reminder.go)
	Purged       int64 `json:"purged"`
	Swept        int64 `json:"swept"` // dead rows of other tables (store.PurgeExpired)
}

// maintenanceBatch bounds each transaction of a run.
const maintenanceBatch = 500

// Maintain expires sent invitations (InviteTTL after first send),
// invitations waiting for approval (ApprovalTTL after creation) and access
// codes, returning their accounts to not_invited; schedules the reminders
// due (reminder.go); then purges invitation records older than PurgeAfter. Each batch is one transaction with its
// audit events.
func (s *Service) Maintain(ctx context.Context) (MaintenanceReport, error) {
	var rep MaintenanceReport
	t := now()
	for _, st := range []string{store.InvitationSent, store.InvitationNeedsApproval} {
		n, err := s.expireInvitations(ctx, st, t)
		if err != nil {
			return rep, err
		}
		if st == store.InvitationSent {
			rep.Expired = n
		} else {
			rep.ApprovalsDue = n
		}
	}
	n, err := s.expireCodes(ctx, t)
	if err != nil {
		return rep, err
	}
	rep.CodesExpired = n
	if rep.Reminded, err = s.remind(ctx, t); err != nil {
		return rep, err
	}
	for {
		k, err := s.Store.PurgeInvitations(ctx, t.Add(-s.Config.PurgeAfter), maintenanceBatch)
		if err != nil {
			return rep, fmt.Errorf("invite: purge: %w", err)
		}
		rep.Purged += k
		if k < maintenanceBatch {
			break
		}
	}
	if rep.Purged > 0 {
		if err := s.Store.Audit(ctx, "system", "invitations.purged", "invitation", "", map[string]any{"count": rep.Purged}); err != nil {
			return rep, fmt.Errorf("invite: purge: %w", err)
		}
	}
	// The same periodic job sweeps the other tables' dead rows (throttle
	// counters, sign-in tokens, old webhook deliveries, sessions).
	swept, err := s.Store.PurgeExpired(ctx, t, s.Config.PurgeAfter)
	if err != nil {
		return rep, fmt.Errorf("invite: sweep: %w", err)
	}
	rep.Swept = swept.Total()
	if rep != (MaintenanceReport{}) {
		s.Log.InfoContext(ctx, "maintenance", "expired", rep.Expired, "approvals_expired", rep.ApprovalsDue,
			"access_codes_expired", rep.CodesExpired, "reminders", rep.Reminded, "purged", rep.Purged, "swept", rep.Swept)
	}
	return rep, nil
}

func (s *Service) expireInvitations(ctx context.Context, status string, t time.Time) (int, error) {
	total := 0
	for {
		var n int
		err := s.Store.Tx(ctx, func(tx *store.Store) error {
			due, err := tx.DueInvitations(ctx, status, t, s.Config.ApprovalTTL, maintenanceBatch)
			if err != nil {
				return err
			}
			n = len(due)
			for i := range due {
				if err := s.closeTx(ctx, tx, "system", &due[i], store.InvitationExpired, "timer"); err != nil {
					return err
				}
				if due[i].LinkID == nil {
					continue
				}
				lapsed := account.New(tx, Policy{Service: s}, s.Log)
				if err := lapsed.DropLapsedSignUp(ctx, account.System, due[i].AccountID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("invite: expire %s: %w", status, err)
		}
		total += n
		if n < maintenanceBatch {
			return total, nil
		}
	}
}

// expireCodes revokes expired access codes; an account left with neither
// code nor open invitation returns to not_invited.
func (s *Service) expireCodes(ctx context.Context, t time.Time) (int, error) {
	total := 0
	for {
		var n int
		err := s.Store.Tx(ctx, func(tx *store.Store) error {
			codes, err := tx.ExpiredAccessCodes(ctx, t, maintenanceBatch)
			if err != nil {
				return err
			}
			n = len(codes)
			for _, c := range codes {
				if _, err := tx.RevokeAccessCodes(ctx, c.AccountID); err != nil {
					return err
				}
				if _, err := tx.LockOpenInvitation(ctx, c.AccountID); errors.Is(err, store.ErrNotFound) {
					if err := tx.SetAccountsStatus(ctx, []string{c.AccountID}, store.StatusInvited, store.StatusNotInvited); err != nil {
						return err
					}
				} else if err != nil {
					return err
				}
				if err := tx.Audit(ctx, "system", "access_code.expired", "account", c.AccountID, map[string]any{"codeId": c.ID}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("invite: expire access codes: %w", err)
		}
		total += n
		if n < maintenanceBatch {
			return total, nil
		}
	}
}
