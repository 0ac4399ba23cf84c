package account

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// ErrOwnedByIntegration means an admin tried to edit an account that an
// IdP or directory owns: the next sync would overwrite the change.
var ErrOwnedByIntegration = errors.New("account: owned by an integration")

// OwnedError is an ErrOwnedByIntegration naming the owner.
type OwnedError struct {
	IntegrationID   string
	IntegrationName string
}

func (e *OwnedError) Error() string {
	return fmt.Sprintf("account: owned by integration %q; change it at the source", e.IntegrationName)
}

// Is makes errors.Is(err, ErrOwnedByIntegration) true.
func (e *OwnedError) Is(target error) bool { return target == ErrOwnedByIntegration }

// AdminEdit is an admin's change to an admin-created account; nil fields
// are left as they are.
type AdminEdit struct {
	Email      *string
	GivenName  *string
	FamilyName *string
	UserType   *string
	Roles      *[]string
}

// Apply changes a and reports whether its primary email changed. The
// userName follows the email when it was the email.
func (e AdminEdit) Apply(a *store.Account) (emailChanged bool, err error) {
	if e.Email != nil {
		next := strings.TrimSpace(*e.Email)
		if next != "" {
			if err := checkEmail(next); err != nil {
				return false, err
			}
		}
		if !store.SameEmail(next, a.Email) {
			emailChanged = true
			if store.SameEmail(a.UserName, a.Email) && next != "" {
				a.UserName = next
			}
			a.Emails = nil
			if next != "" {
				a.Emails = []store.Email{{Value: next, Type: "work", IsPrimary: true}}
			}
		}
	}
	for _, f := range []struct{ in, out *string }{{e.GivenName, &a.GivenName}, {e.FamilyName, &a.FamilyName}, {e.UserType, &a.UserType}} {
		if f.in != nil {
			*f.out = strings.TrimSpace(*f.in)
		}
	}
	if e.GivenName != nil || e.FamilyName != nil {
		a.DisplayName = strings.TrimSpace(a.GivenName + " " + a.FamilyName)
	}
	if e.Roles != nil {
		if err := SetRoles(a, *e.Roles); err != nil {
			return false, err
		}
	}
	return emailChanged, nil
}

// WithStore returns a copy of s writing through st, a store bound to a
// caller's transaction, so that several changes commit together (its own
// Tx calls join it: an LDAP batch, an account import). It keeps Policy,
// Log, OnTrip and WithoutBreaker.
func (s *Service) WithStore(st *store.Store) *Service {
	c := *s
	c.Store = st
	return &c
}

// Owner returns an *OwnedError when account a belongs to an integration.
func (s *Service) Owner(ctx context.Context, a *store.Account) error {
	if a.IntegrationID == nil {
		return nil
	}
	in, err := s.Store.IntegrationByID(ctx, *a.IntegrationID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("account: owner of %s: %w", a.ID, err)
	}
	owned := &OwnedError{IntegrationID: *a.IntegrationID, IntegrationName: *a.IntegrationID}
	if in != nil {
		owned.IntegrationName = in.Name
	}
	return owned
}

// UpdateByAdmin applies e to admin-created account id (version
// expectVersion, 0: any) and reports whether its email changed. Accounts of
// an integration are refused with an *OwnedError. Called on a store bound
// to a transaction (WithStore), it joins that transaction.
func (s *Service) UpdateByAdmin(ctx context.Context, actor Actor, id string, expectVersion int64, e AdminEdit) (*store.Account, bool, error) {
	var out *store.Account
	changed := false
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		svc := s.WithStore(tx)
		a, err := tx.LockAccount(ctx, id)
		if err != nil {
			return err
		}
		if err := svc.Owner(ctx, a); err != nil {
			return err
		}
		out, err = svc.Update(ctx, actor, id, expectVersion, func(a *store.Account) error {
			var err error
			changed, err = e.Apply(a)
			return err
		})
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("account: admin edit %s: %w", id, err)
	}
	return out, changed, nil
}
