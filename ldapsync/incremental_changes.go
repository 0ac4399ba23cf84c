package ldapsync

import (
	"cmp"
	"context"

	"github.com/go-ldap/ldap/v3"
)

// lazyLimit is how many changed entries an incremental run files against
// lookups of those entries alone (KnownLookup, and the disabled filter
// asked of each entry). Past it the run reads the whole snapshot and the
// whole disabled set, as a full run does: cheaper than that many lookups.
const lazyLimit = 500

// changeSet files the entries of an incremental read into the plan. With
// the whole snapshot it maps each entry as it comes; with lookups it keeps
// up to lazyLimit entries and files them once the read is over, after one
// lookup of their keys and of the deleted ones.
type changeSet struct {
	ctx      context.Context
	r        *reader
	cfg      *Config
	m        mapping
	o        *RunOptions
	p        *plan
	k        *knownSet
	seen     map[string]struct{}
	disabled map[string]struct{} // nil while entries wait for their lookups
	waiting  []*ldap.Entry
}

// start prepares the filing: at once against the snapshot, or, with
// lookups, recording the DN changes for resolveDNs.
func (c *changeSet) start() error {
	if !c.k.full {
		c.p.dnOps = []dnOp{}
		return nil
	}
	for id, v := range c.k.m {
		c.p.dnToID[dnKey(v.DN)] = id
	}
	return c.full()
}

// add is the read's callback for every added or changed entry.
func (c *changeSet) add(e *ldap.Entry) error {
	c.p.read++
	c.o.readProgress(c.p)()
	if c.disabled != nil {
		return c.r.mapInto(e, c.m, c.disabled, c.k.m, c.p, c.seen)
	}
	c.waiting = append(c.waiting, e)
	if limit := cmp.Or(c.o.lazyLimit, lazyLimit); len(c.waiting) > limit {
		return c.full()
	}
	return nil
}

// full switches to the whole snapshot and disabled set and files the
// entries waiting.
func (c *changeSet) full() error {
	if c.disabled != nil {
		return nil
	}
	if err := c.k.loadAll(c.ctx); err != nil {
		return err
	}
	disabled, err := c.r.disabledIDs(c.ctx, c.cfg, c.m)
	if err != nil {
		return err
	}
	c.disabled = disabled
	return c.fileWaiting()
}

// finish files the entries still waiting: their keys and the removed ones
// are looked up, and the disabled filter is asked of each entry.
func (c *changeSet) finish(removed []string) error {
	if c.disabled != nil {
		return nil
	}
	ids := make([]string, 0, len(c.waiting)+len(removed))
	for _, e := range c.waiting {
		if id, err := externalID(e, c.m.keyAttr); err == nil {
			ids = append(ids, id)
		}
	}
	if err := c.k.fetch(c.ctx, append(ids, removed...)); err != nil {
		return err
	}
	disabled, err := c.r.disabledAmong(c.ctx, c.cfg, c.m, c.waiting)
	if err != nil {
		return err
	}
	c.disabled = disabled
	return c.fileWaiting()
}

func (c *changeSet) fileWaiting() error {
	for _, e := range c.waiting {
		if err := c.r.mapInto(e, c.m, c.disabled, c.k.m, c.p, c.seen); err != nil {
			return err
		}
	}
	c.waiting = nil
	return nil
}

// knownActive is the safety threshold's base: only worth a query when the
// run deactivates anyone.
func (c *changeSet) knownActive() (int, error) {
	if !c.k.full && c.p.deactivations == 0 {
		return 0, nil
	}
	return c.k.active(c.ctx)
}

// disabledAmong asks the disabled filter of each entry (a base search of
// its DN), for a few changed entries instead of the whole directory's
// disabled set. An entry gone meanwhile is not disabled: the next run
// sees it gone.
func (r *reader) disabledAmong(ctx context.Context, cfg *Config, m mapping, entries []*ldap.Entry) (map[string]struct{}, error) {
	ids := map[string]struct{}{}
	f := "(&" + cfg.Users.Filter + cfg.Users.DisabledFilter + ")"
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		req := ldap.NewSearchRequest(e.DN, ldap.ScopeBaseObject, ldap.NeverDerefAliases, 1, 0, false, f, []string{m.keyAttr}, nil)
		res, err := r.conn.Search(req)
		if ldap.IsErrorWithCode(err, ldap.LDAPResultNoSuchObject) {
			continue
		}
		if err != nil {
			return nil, searchStop(req, err)
		}
		for _, d := range res.Entries {
			if id, err := externalID(d, m.keyAttr); err == nil {
				ids[id] = struct{}{}
			}
		}
	}
	return ids, nil
}
