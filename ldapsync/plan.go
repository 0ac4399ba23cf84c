package ldapsync

import "strings"

// plan is everything a run will write, computed before the first write.
type plan struct {
	full               bool
	mode               string
	read, bad          int
	upserts            userSpool // new or changed users only
	created, suspended int       // of upserts: new accounts, newly inactive accounts
	removals           []string
	knownActive        int // active accounts before the run: the threshold's base
	deactivations      int // active accounts this run removes or suspends
	groups             []Group
	groupRemovals      []string
	cookie             []byte // nil: keep the stored one
	sample             []Change
	usersDNChanged     bool // a user was added, removed or renamed: memberships may resolve differently
	dnToID             map[string]string
	// dnOps, in an incremental run that did not read the snapshot, are
	// the changes to dnToID so far, replayed over the snapshot's DNs when
	// groups need them (resolveDNs).
	dnOps []dnOp
}

// releaseOnError closes the plan's spool when planning failed: the caller
// gets no plan to close (or one it drops).
func (p *plan) releaseOnError(err *error) {
	if *err != nil {
		p.upserts.close()
	}
}

// Change is one planned write, for the dry-run sample and logs.
type Change struct {
	Op         string // create, update, suspend, remove, group
	ExternalID string
	UserName   string
	DN         string
}

const sampleSize = 20

func (p *plan) note(c Change) {
	if len(p.sample) < sampleSize {
		p.sample = append(p.sample, c)
	}
}

// diffUser files one mapped user against what the Target knows.
func (p *plan) diffUser(u User, known map[string]Known, seen map[string]struct{}) {
	p.dnSet(dnKey(u.DN), u.ExternalID)
	k, ok := known[u.ExternalID]
	if seen != nil {
		seen[u.ExternalID] = struct{}{}
	}
	if ok && k.Hash == u.Hash {
		return
	}
	p.upserts.add(&u)
	switch {
	case !ok:
		p.created++
		p.usersDNChanged = true
		p.note(Change{Op: "create", ExternalID: u.ExternalID, UserName: u.UserName, DN: u.DN})
	case k.Active && !u.Active:
		p.deactivations++
		p.note(Change{Op: "suspend", ExternalID: u.ExternalID, UserName: u.UserName, DN: u.DN})
	default:
		p.note(Change{Op: "update", ExternalID: u.ExternalID, UserName: u.UserName, DN: u.DN})
	}
	if ok && !strings.EqualFold(k.DN, u.DN) {
		p.usersDNChanged = true
		p.dnDelete(dnKey(k.DN), u.ExternalID) // stale member values must not follow the rename
	}
	if !u.Active && (!ok || k.Active) {
		p.suspended++
	}
}

// remove files accounts the directory no longer has.
func (p *plan) remove(ids []string, known map[string]Known) {
	done := make(map[string]bool, len(ids))
	for _, id := range ids {
		k, ok := known[id]
		if !ok || done[id] {
			continue // never synced, or already gone: nothing to do
		}
		done[id] = true
		p.removals = append(p.removals, id)
		p.usersDNChanged = true
		if k.Active {
			p.deactivations++
		}
		p.dnDelete(dnKey(k.DN), "")
		p.note(Change{Op: "remove", ExternalID: id, DN: k.DN})
	}
}

// dnKey normalises a DN for lookups: member values and entry DNs differ in
// case and spacing between servers; parsing is the slow path for odd ones.
func dnKey(dn string) string {
	if strings.Contains(dn, ", ") || strings.Contains(dn, " =") || strings.Contains(dn, "= ") || strings.Contains(dn, `\`) {
		if d, err := parseDN(dn); err == nil {
			return strings.ToLower(d)
		}
	}
	return strings.ToLower(dn)
}
