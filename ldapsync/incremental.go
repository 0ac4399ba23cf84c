package ldapsync

import (
	"context"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

// syncChanges is what one refreshOnly syncrepl search reported.
type syncChanges struct {
	present  map[string]struct{} // present phase: entries unchanged since the cookie
	deleted  []string            // delete phase: entries gone (or out of the filter)
	changed  int                 // entries added or modified
	cookie   []byte
	anyDelta bool // something was added, modified or deleted
	// presentPhase: syncDone said refreshDeletes=FALSE, so entries neither
	// present nor changed are gone. slapd answers this way to a cookie older
	// than its session log, resending every entry as "add".
	presentPhase bool
}

// syncrepl runs an RFC 4533 refreshOnly search from cookie and calls onEntry
// for every added or modified entry. The server answers either with deletes
// (delete phase, from its session log) or by listing every unchanged entry as
// present (present phase); both are collected, the caller decides.
func (r *reader) syncrepl(ctx context.Context, req *ldap.SearchRequest, cookie []byte,
	onEntry func(*ldap.Entry) error) (*syncChanges, error) {
	sc := &syncChanges{present: map[string]struct{}{}}
	res := r.conn.Syncrepl(ctx, req, 64, ldap.SyncRequestModeRefreshOnly, cookie, false)
	err := r.each(ctx, res, req, func(e *ldap.Entry, ctrls []ldap.Control) error {
		if c := syncCookie(ctrls); c != nil {
			sc.cookie = c
		}
		for _, c := range ctrls {
			if d, ok := c.(*ldap.ControlSyncDone); ok && !d.RefreshDeletes {
				sc.presentPhase = true
			}
			if s, ok := c.(*ldap.ControlSyncInfo); ok && s.SyncIdSet != nil {
				for _, u := range s.SyncIdSet.SyncUUIDs {
					sc.file(u.String(), s.SyncIdSet.RefreshDeletes)
				}
			}
		}
		if e == nil {
			return nil
		}
		state, ok := ldap.FindControl(ctrls, ldap.ControlTypeSyncState).(*ldap.ControlSyncState)
		if !ok {
			sc.changed++
			sc.anyDelta = true
			return onEntry(e)
		}
		switch state.State {
		case ldap.SyncStatePresent:
			sc.file(state.EntryUUID.String(), false)
		case ldap.SyncStateDelete:
			sc.file(state.EntryUUID.String(), true)
		default:
			sc.changed++
			sc.anyDelta = true
			return onEntry(e)
		}
		return nil
	})
	return sc, err
}

func (sc *syncChanges) file(id string, deleted bool) {
	id = strings.ToLower(id)
	if deleted {
		sc.deleted = append(sc.deleted, id)
		sc.anyDelta = true
	} else {
		sc.present[id] = struct{}{}
	}
}

// gone returns the known keys the sync reported gone. With a present phase
// that is every known key neither present nor changed; with a delete phase
// it is the deletes.
func (sc *syncChanges) gone(known map[string]Known, seen map[string]struct{}) []string {
	if len(sc.present) == 0 && !sc.presentPhase {
		return sc.deleted
	}
	var out []string
	for id := range known {
		_, p := sc.present[id]
		_, s := seen[id]
		if !p && !s {
			out = append(out, id)
		}
	}
	return append(out, sc.deleted...)
}
