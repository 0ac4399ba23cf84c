package ldapsync

import (
	"errors"
	"fmt"
)

// SafetyStop is returned, before anything was written, when a run looks
// wrong: the directory failed, answered with a referral or without the base,
// returned no users, or the run would deactivate more than
// maxDeactivatePercent of the active accounts. Reason is the one line the CLI
// prints and the sync_runs row records.
type SafetyStop struct {
	Reason string
	// Overridable says whether RunOptions.Force would let the run proceed.
	// A failed search never is: there is nothing trustworthy to apply.
	Overridable bool
	Err         error
}

func (s *SafetyStop) Error() string {
	msg := "ldapsync: safety stop: " + s.Reason
	if s.Overridable {
		msg += " (nothing was changed; --force overrides once)"
	} else {
		msg += " (nothing was changed)"
	}
	if s.Err != nil {
		msg += ": " + s.Err.Error()
	}
	return msg
}

func (s *SafetyStop) Unwrap() error { return s.Err }

// IsSafetyStop reports whether err is (or wraps) a *SafetyStop.
func IsSafetyStop(err error) bool {
	var s *SafetyStop
	return errors.As(err, &s)
}

// checkPlan applies the judgement stops; reads already failed hard.
func checkPlan(p *plan, cfg *Config, force bool) error {
	if p.full && p.read == 0 && !force {
		return &SafetyStop{Reason: fmt.Sprintf("the search under %q returned no users", cfg.Users.BaseDN), Overridable: true}
	}
	if p.knownActive == 0 || force {
		return nil
	}
	limit := cfg.MaxDeactivate()
	if pct := 100 * float64(p.deactivations) / float64(p.knownActive); pct > limit {
		return &SafetyStop{Overridable: true, Reason: fmt.Sprintf(
			"the run would deactivate %d of %d active accounts (%.1f%%, above maxDeactivatePercent %g)",
			p.deactivations, p.knownActive, pct, limit)}
	}
	return nil
}
