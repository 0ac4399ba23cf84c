package ldapsync

import (
	"context"
	"fmt"

	"github.com/go-ldap/ldap/v3"
)

func newPlan(known map[string]Known, mode string) *plan {
	p := &plan{mode: mode, dnToID: make(map[string]string, len(known))}
	for _, k := range known {
		if k.Active {
			p.knownActive++
		}
	}
	return p
}

func (o *RunOptions) readProgress(p *plan) func() {
	return func() {
		if p.read%pageSize == 0 {
			o.progress(Progress{Phase: "read", Read: p.read})
		}
	}
}

// planFull reads every user and group. The cookies are taken first, so what
// changes during the read is replayed by the next incremental run.
func (r *reader) planFull(ctx context.Context, cfg *Config, o *RunOptions, known map[string]Known,
	syncOK bool, ad *adMark) (_ *plan, st syncState, err error) {
	p := newPlan(known, "full")
	defer p.releaseOnError(&err)
	p.full = true
	if syncOK {
		if st.Users, err = r.freshCookie(ctx, cfg.Users.BaseDN); err != nil {
			return nil, st, err
		}
		if cfg.Groups.BaseDN != "" {
			if st.Groups, err = r.freshCookie(ctx, cfg.Groups.BaseDN); err != nil {
				return nil, st, err
			}
		}
	} else {
		st.Since = sinceNow()
	}
	if ad != nil {
		st.USN, st.DC = ad.usn, ad.dc
	}
	m := newMapping(cfg)
	if err := r.readAllUsers(ctx, cfg, m, known, p, o.readProgress(p)); err != nil {
		return nil, st, err
	}
	return p, st, r.planGroups(ctx, cfg, o, m, p)
}

func (r *reader) planGroups(ctx context.Context, cfg *Config, o *RunOptions, m mapping, p *plan) error {
	if cfg.Groups.BaseDN == "" {
		return nil
	}
	gk, err := o.Target.GroupSnapshot(ctx, o.IntegrationID)
	if err != nil {
		return fmt.Errorf("ldapsync: group snapshot: %w", err)
	}
	return r.readGroups(ctx, cfg, m, gk, p)
}

// planIncremental reads only what changed since the stored state: syncrepl
// where the server has syncprov, uSNChanged and tombstones on Active
// Directory (ad), else modifyTimestamp (whenChanged on AD without a mark),
// which cannot see deletions; the scheduled full reconcile catches those.
// The changed entries are filed through a changeSet: against lookups of
// those entries alone when the Target allows it and they are few, else
// against the whole snapshot (incremental_changes.go).
func (r *reader) planIncremental(ctx context.Context, cfg *Config, o *RunOptions, k *knownSet,
	old syncState, syncOK bool, ad *adMark) (_ *plan, _ syncState, err error) {
	p := newPlan(k.m, "incremental")
	defer p.releaseOnError(&err)
	m := newMapping(cfg)
	c := &changeSet{ctx: ctx, r: r, cfg: cfg, m: m, o: o, p: p, k: k, seen: map[string]struct{}{}}
	if err := c.start(); err != nil {
		return nil, old, err
	}
	st := old
	groupsDirty := true
	switch {
	case ad != nil:
		p.mode = "incremental-usn"
		st.USN, st.DC, st.Since = ad.usn, ad.dc, sinceNow()
		f := changedSince(cfg.Users.Filter, old.USN)
		if err := r.stream(ctx, searchRequest(cfg.Users.BaseDN, f, m.request), c.add); err != nil {
			return nil, old, err
		}
		gone, err := r.deletedSince(ctx, *ad, old.USN, m)
		if err == nil {
			err = c.finish(gone)
		}
		if err != nil {
			return nil, old, err
		}
		p.remove(gone, k.m)
	case !syncOK:
		p.mode = "incremental-timestamp"
		st.Since = sinceNow()
		attr := "modifyTimestamp"
		if cfg.ActiveDirectory {
			attr = "whenChanged" // AD's modifyTimestamp is constructed and not filterable
		}
		f := "(&" + cfg.Users.Filter + "(" + attr + ">=" + ldap.EscapeFilter(old.Since) + "))"
		if err := r.stream(ctx, searchRequest(cfg.Users.BaseDN, f, m.request), c.add); err != nil {
			return nil, old, err
		}
		if err := c.finish(nil); err != nil {
			return nil, old, err
		}
	default:
		sc, err := r.syncrepl(ctx, searchRequest(cfg.Users.BaseDN, cfg.Users.Filter, m.request), old.Users, c.add)
		if err != nil {
			return nil, old, err
		}
		if sc.cookie != nil {
			st.Users = sc.cookie
		}
		if len(sc.present) > 0 || sc.presentPhase {
			err = c.full() // gone is every known key neither present nor changed
		}
		if err == nil {
			err = c.finish(sc.deleted)
		}
		if err != nil {
			return nil, old, err
		}
		p.remove(sc.gone(k.m, c.seen), k.m)
		if groupsDirty, err = r.groupsChanged(ctx, cfg, &st); err != nil {
			return nil, old, err
		}
	}
	if p.knownActive, err = c.knownActive(); err != nil {
		return nil, old, err
	}
	if !groupsDirty && !p.usersDNChanged {
		return p, st, nil
	}
	if err := p.resolveDNs(ctx, k); err != nil {
		return nil, old, err
	}
	return p, st, r.planGroups(ctx, cfg, o, m, p)
}

// groupsChanged asks syncrepl whether any group changed, without reading
// members; membership is then re-read in full, which flattening needs anyway.
func (r *reader) groupsChanged(ctx context.Context, cfg *Config, st *syncState) (bool, error) {
	if cfg.Groups.BaseDN == "" {
		return false, nil
	}
	if len(st.Groups) == 0 {
		c, err := r.freshCookie(ctx, cfg.Groups.BaseDN)
		st.Groups = c
		return true, err
	}
	req := searchRequest(cfg.Groups.BaseDN, cfg.Groups.Filter, []string{"1.1"})
	sc, err := r.syncrepl(ctx, req, st.Groups, func(*ldap.Entry) error { return nil })
	if err != nil {
		return false, err
	}
	if sc.cookie != nil {
		st.Groups = sc.cookie
	}
	return sc.anyDelta || sc.presentPhase || len(sc.present) > 0, nil
}
