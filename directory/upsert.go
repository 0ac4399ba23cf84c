package directory

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// Upsert creates or updates a batch of directory users in one transaction:
// changed accounts through Update, new ones through account.Service.CreateBulk (Create's
// bulk twin: same statuses, audit events and policy hook). An entry whose
// userName another account holds, or that the account rules refuse, is
// logged and skipped: one bad entry never fails a run. Its hash is not
// stored: a change to the entry, or the next full reconcile, retries it.
func (t *Target) Upsert(ctx context.Context, integrationID string, users []ldapsync.User) (ldapsync.UpsertResult, error) {
	if err := t.check(integrationID); err != nil {
		return ldapsync.UpsertResult{}, err
	}
	if !t.can(permission.AccountsWrite) {
		t.mu.Lock()
		t.denied.writes += len(users)
		t.mu.Unlock()
		return ldapsync.UpsertResult{}, nil
	}
	deactivate := t.can(permission.AccountsDeactivate)
	var out upsertOut
	// A batch written beside another (UpsertWriters) may collide with it on
	// a userName both hold (PostgreSQL makes it wait for the other to
	// commit, then refuses it): written again, its owner check sees the
	// committed account and skips the entry, as in a sequential run. Two
	// such batches may also deadlock (a rename against a suspension's
	// lock): PostgreSQL aborts one, which is written again too.
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		out, err = t.upsertTx(ctx, users, deactivate)
		if !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrRetry) {
			break
		}
	}
	if err != nil {
		return ldapsync.UpsertResult{}, fmt.Errorf("directory: ldap upsert: %w", err)
	}
	t.record(out)
	return out.res, nil
}

// record keeps what a committed Upsert did for the rest of the run.
func (t *Target) record(out upsertOut) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.created += len(out.created)
	t.denied.suspensions += out.kept
	if len(t.managed) <= managedCap { // past it, SaveCookie relinks everyone anyway
		t.managed = append(t.managed, out.managed...)
	}
	if t.ids != nil {
		for _, c := range out.created {
			t.ids[c.externalID] = c.id
		}
	}
}

// upsertOut is what one batch did (upsertIn), kept for record until its
// transaction commits.
type upsertOut struct {
	res     ldapsync.UpsertResult
	created []createdRef // the accounts themselves are not kept: a transaction may hold 10,000
	managed []string     // written accounts that name a manager
	kept    int          // suspensions refused (no accounts:deactivate)
}

// createdRef names an account an Upsert created.
type createdRef struct{ externalID, id string }

// upsertTx is one attempt at Upsert's transaction.
func (t *Target) upsertTx(ctx context.Context, users []ldapsync.User, deactivate bool) (upsertOut, error) {
	var out upsertOut
	err := t.acc.Store.Tx(ctx, func(tx *store.Store) error {
		var err error
		out, err = t.upsertIn(ctx, tx, users, deactivate)
		return err
	})
	if err != nil {
		return upsertOut{}, err
	}
	return out, nil
}

// upsertIn writes one batch inside tx.
func (t *Target) upsertIn(ctx context.Context, tx *store.Store, users []ldapsync.User, deactivate bool) (upsertOut, error) {
	var res ldapsync.UpsertResult
	var created []*store.Account
	var managed []string
	var kept int
	svc := t.acc.WithStore(tx)
	ext, names := make([]string, len(users)), make([]string, len(users))
	for i, u := range users {
		ext[i], names[i] = u.ExternalID, u.UserName
	}
	ids, err := t.accountIDs(ctx, tx, ext)
	if err != nil {
		return upsertOut{}, err
	}
	if err := t.yieldSignUps(ctx, svc, tx, users); err != nil {
		return upsertOut{}, err
	}
	owners, err := tx.UserNameOwners(ctx, names)
	if err != nil {
		return upsertOut{}, err
	}
	var touched []string // created or re-activated: the policy may have invited them
	for i := range users {
		u := &users[i]
		key := strings.ToLower(strings.TrimSpace(u.UserName))
		if o, ok := owners[key]; ok && (o.IntegrationID != t.in.ID || o.ExternalID != u.ExternalID) {
			t.acc.Log.WarnContext(ctx, "ldap entry skipped: userName taken by another account",
				"integration", t.in.Name, "dn", u.DN, "userName", u.UserName)
			continue
		}
		owners[key] = store.UserNameOwner{IntegrationID: t.in.ID, ExternalID: u.ExternalID}
		id, exists := ids[u.ExternalID]
		if !exists {
			a := &store.Account{Origin: "ldap"}
			err := fillFromLDAP(a, u)
			if err == nil {
				err = account.Normalize(a)
			}
			if err != nil {
				t.acc.Log.WarnContext(ctx, "ldap entry skipped", "integration", t.in.Name, "dn", u.DN, "error", err)
				continue
			}
			created = append(created, a)
			continue
		}
		var was bool
		a, err := svc.Update(ctx, t.actor, id, 0, func(a *store.Account) error {
			was = a.Active
			if err := fillFromLDAP(a, u); err != nil {
				return err
			}
			if was && !a.Active && !deactivate {
				// Kept active; no stored hash, so a run after the
				// permission is granted suspends it.
				a.Active, a.SourceHash = true, ""
				kept++
			}
			return nil
		})
		if errors.Is(err, account.ErrInvalid) {
			t.acc.Log.WarnContext(ctx, "ldap entry skipped", "integration", t.in.Name, "dn", u.DN, "error", err)
			continue
		}
		if err != nil {
			return upsertOut{}, err
		}
		res.Updated++
		if a.ManagerDN != "" {
			managed = append(managed, a.ID)
		}
		if !was && a.Active {
			touched = append(touched, a.ID)
		}
	}
	if err := svc.CreateBulk(ctx, tx, t.actor, t.in, created); err != nil {
		return upsertOut{}, err
	}
	res.Created = len(created)
	refs := make([]createdRef, len(created))
	for i, a := range created {
		refs[i] = createdRef{*a.ExternalID, a.ID}
		if a.Active {
			touched = append(touched, a.ID)
		}
		if a.ManagerDN != "" {
			managed = append(managed, a.ID)
		}
	}
	res.Invited, err = tx.CountAccountsWithStatus(ctx, touched, store.StatusInvited, store.StatusPendingApproval)
	if err != nil {
		return upsertOut{}, err
	}
	return upsertOut{res, refs, managed, kept}, nil
}

// yieldSignUps drops the unconfirmed sign-ups holding the userName or an
// address of a directory user of the batch: the directory asserts them.
func (t *Target) yieldSignUps(ctx context.Context, svc *account.Service, tx *store.Store, users []ldapsync.User) error {
	addrs := make([]string, 0, 2*len(users))
	for i := range users {
		addrs = append(addrs, users[i].UserName)
		addrs = append(addrs, users[i].Emails...)
	}
	return svc.YieldAddresses(ctx, tx, t.actor, addrs)
}

// fillFromLDAP copies a directory user onto an account. Attributes other
// than the phone (admin or SCIM extras) are kept.
func fillFromLDAP(a *store.Account, u *ldapsync.User) error {
	ext := u.ExternalID
	a.ExternalID, a.UserName, a.Active = &ext, u.UserName, u.Active
	a.GivenName, a.FamilyName, a.DisplayName = u.GivenName, u.FamilyName, u.DisplayName
	a.PreferredLanguage, a.EmployeeNumber, a.Department = u.PreferredLanguage, u.EmployeeNumber, u.Department
	if a.ManagerDN != u.Manager {
		a.ManagerID = "" // LinkLDAPManagers sets it at the end of the run
	}
	a.SourceHash, a.SourceDN, a.ManagerDN = u.Hash, u.DN, u.Manager
	a.Emails = a.Emails[:0]
	for i, e := range u.Emails {
		a.Emails = append(a.Emails, store.Email{Value: e, Type: "work", IsPrimary: i == 0})
	}
	attrs := map[string]any{}
	if a.Attributes != "" && a.Attributes != "{}" {
		if err := json.Unmarshal([]byte(a.Attributes), &attrs); err != nil {
			attrs = map[string]any{} // unreadable extras: the directory's view wins
		}
	}
	delete(attrs, "phoneNumbers")
	if u.Phone != "" {
		attrs["phoneNumbers"] = []map[string]any{{"value": u.Phone, "type": "work"}}
	}
	b, err := json.Marshal(attrs)
	if err != nil {
		return fmt.Errorf("directory: ldap attributes: %w", err)
	}
	a.Attributes = string(b)
	return nil
}
