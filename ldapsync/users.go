package ldapsync

import (
	"context"
	"fmt"

	"github.com/go-ldap/ldap/v3"
)

// disabledIDs returns the keys of the users the disabled filter matches. One
// extra indexed search is cheaper and more faithful than evaluating an
// arbitrary filter (bit masks, ppolicy values) on the client.
func (r *reader) disabledIDs(ctx context.Context, cfg *Config, m mapping) (map[string]struct{}, error) {
	ids := map[string]struct{}{}
	f := "(&" + cfg.Users.Filter + cfg.Users.DisabledFilter + ")"
	err := r.stream(ctx, searchRequest(cfg.Users.BaseDN, f, []string{m.keyAttr}), func(e *ldap.Entry) error {
		if id, err := externalID(e, m.keyAttr); err == nil {
			ids[id] = struct{}{}
		}
		return nil
	})
	return ids, err
}

// readAllUsers is the full pass: every user is mapped, hashed and compared
// with the snapshot; only new and changed users are kept in memory.
func (r *reader) readAllUsers(ctx context.Context, cfg *Config, m mapping, known map[string]Known,
	p *plan, progress func()) error {
	disabled, err := r.disabledIDs(ctx, cfg, m)
	if err != nil {
		return err
	}
	seen := make(map[string]struct{}, len(known))
	err = r.stream(ctx, searchRequest(cfg.Users.BaseDN, cfg.Users.Filter, m.request), func(e *ldap.Entry) error {
		p.read++
		progress()
		return r.mapInto(e, m, disabled, known, p, seen)
	})
	if err != nil {
		return err
	}
	var gone []string
	for id := range known {
		if _, ok := seen[id]; !ok {
			gone = append(gone, id)
		}
	}
	p.remove(gone, known)
	return nil
}

// mapInto maps one entry and files it in the plan. Mapping only fails on the
// entry itself (no key, no userName, a repeated key): such an entry is
// logged, counted and skipped, never failing the run by itself.
func (r *reader) mapInto(e *ldap.Entry, m mapping, disabled map[string]struct{}, known map[string]Known,
	p *plan, seen map[string]struct{}) error {
	u, err := m.toUser(e, disabled)
	if err == nil {
		if _, dup := seen[u.ExternalID]; dup {
			err = fmt.Errorf("ldapsync: %q repeats key %s: %w", e.DN, u.ExternalID, errBadEntry)
		}
	}
	if err != nil {
		p.bad++
		r.log.Warn("ldap entry skipped", "dn", e.DN, "error", err)
		return nil
	}
	p.diffUser(u, known, seen)
	return nil
}
