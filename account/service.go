package account

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// Actor is who makes a change, as written in audit events.
type Actor struct {
	Kind string // integration, admin, system, link, self
	ID   string
	Name string
}

// String is the audit form, e.g. "integration:okta".
func (a Actor) String() string {
	if a.Name != "" {
		return a.Kind + ":" + a.Name
	}
	if a.ID != "" {
		return a.Kind + ":" + a.ID
	}
	return a.Kind
}

// System is the actor of scheduled jobs.
var System = Actor{Kind: "system"}

// Policy is applied inside the provisioning transaction. invite.Policy
// implements it; NopPolicy does nothing.
type Policy interface {
	// Provisioned runs after an account is created, or re-activated, by integration in (nil: by an admin).
	Provisioned(ctx context.Context, tx *store.Store, actor Actor, a *store.Account, in *store.Integration) error
	// Deactivated runs after an account is suspended or deleted.
	Deactivated(ctx context.Context, tx *store.Store, actor Actor, a *store.Account) error
	// EmailChanged runs after an account's primary email changed from
	// previous (case aside): what was sent to the old address must stop
	// working (account/email_change.go).
	EmailChanged(ctx context.Context, tx *store.Store, actor Actor, a *store.Account, previous string) error
}

// NopPolicy applies no provisioning policy.
type NopPolicy struct{}

// Provisioned does nothing.
func (NopPolicy) Provisioned(context.Context, *store.Store, Actor, *store.Account, *store.Integration) error {
	return nil
}

// Deactivated does nothing.
func (NopPolicy) Deactivated(context.Context, *store.Store, Actor, *store.Account) error { return nil }

// EmailChanged does nothing.
func (NopPolicy) EmailChanged(context.Context, *store.Store, Actor, *store.Account, string) error {
	return nil
}

// Service creates and changes accounts and groups.
type Service struct {
	Store  *store.Store
	Policy Policy
	Log    *slog.Logger
	OnTrip BreakerNotifier // nil: a tripped breaker is only logged (and audited, counted)

	noBreaker bool // WithoutBreaker
}

// New returns a Service; policy may be nil.
func New(s *store.Store, policy Policy, log *slog.Logger) *Service {
	if policy == nil {
		policy = NopPolicy{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: s, Policy: policy, Log: log}
}

// ErrInvalid wraps validation failures of account input, with a
// *store.InvalidError in the chain whose text is safe to show.
var ErrInvalid = errors.New("account: invalid")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %w", ErrInvalid, &store.InvalidError{Reason: fmt.Sprintf(format, args...)})
}

// requireName trims the name *v and refuses it when empty or longer than
// 256 characters; attr names it in the refusal (userName, displayName).
func requireName(attr string, v *string) error {
	*v = strings.TrimSpace(*v)
	if *v == "" {
		return invalid("%s is required", attr)
	}
	if len(*v) > 256 {
		return invalid("%s is longer than 256 characters", attr)
	}
	return nil
}
