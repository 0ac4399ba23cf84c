package ldapsync

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// syncState is the cookie stored on the integration between runs: the RFC
// 4533 cookies of the users and groups searches, or, on servers without
// syncprov, the time the last run started.
type syncState struct {
	Users  []byte `json:"users,omitempty"`
	Groups []byte `json:"groups,omitempty"`
	Since  string `json:"since,omitempty"` // generalized time, timestamp fallback only
	USN    int64  `json:"usn,omitempty"`   // Active Directory: highestCommittedUSN before the last run
	DC     string `json:"dc,omitempty"`    // Active Directory: invocationId of the DC that answered
}

func parseState(b []byte) syncState {
	var s syncState
	if len(b) > 0 && json.Unmarshal(b, &s) != nil {
		return syncState{} // unreadable: the run becomes a full one
	}
	return s
}

func (s syncState) bytes() []byte {
	b, _ := json.Marshal(s) //nolint:errchkjson // plain struct of []byte and string
	return b
}

// clockSkew widens the timestamp fallback window: the directory's clock and
// ours differ, and re-reading a few unchanged entries costs only a hash.
const clockSkew = 5 * time.Minute

func sinceNow() string { return time.Now().Add(-clockSkew).UTC().Format("20060102150405Z") }

// noMatch selects nothing: a syncrepl search with it returns just a fresh
// cookie for the current state, without streaming the directory twice.
const noMatch = "(entryUUID=00000000-0000-0000-0000-000000000000)"

// supportsSyncrepl asks the root DSE for the RFC 4533 sync request control.
func (r *reader) supportsSyncrepl(ctx context.Context) (bool, error) {
	req := ldap.NewSearchRequest("", ldap.ScopeBaseObject, ldap.NeverDerefAliases, 0, 0, false,
		"(objectClass=*)", []string{"supportedControl"}, nil)
	var ok bool
	err := r.each(ctx, r.conn.SearchAsync(ctx, req, 1), req, func(e *ldap.Entry, _ []ldap.Control) error {
		if e != nil {
			ok = slices.Contains(e.GetAttributeValues("supportedControl"), ldap.ControlTypeSyncRequest)
		}
		return nil
	})
	return ok, err
}

// freshCookie returns a cookie for base as it is now, taken before a full
// read so that changes made during the read are replayed next time.
func (r *reader) freshCookie(ctx context.Context, base string) ([]byte, error) {
	req := searchRequest(base, noMatch, []string{"1.1"})
	var cookie []byte
	res := r.conn.Syncrepl(ctx, req, 4, ldap.SyncRequestModeRefreshOnly, nil, false)
	err := r.each(ctx, res, req, func(_ *ldap.Entry, ctrls []ldap.Control) error {
		if c := syncCookie(ctrls); c != nil {
			cookie = c
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if cookie == nil {
		return nil, fmt.Errorf("ldapsync: syncrepl under %q: %w", base, errNoCookie)
	}
	return cookie, nil
}

// syncCookie extracts a new cookie from any syncrepl message that carries one.
func syncCookie(ctrls []ldap.Control) []byte {
	for _, c := range ctrls {
		switch c := c.(type) {
		case *ldap.ControlSyncDone:
			return nonEmpty(c.Cookie)
		case *ldap.ControlSyncInfo:
			switch {
			case c.NewCookie != nil:
				return nonEmpty(c.NewCookie.Cookie)
			case c.RefreshDelete != nil:
				return nonEmpty(c.RefreshDelete.Cookie)
			case c.RefreshPresent != nil:
				return nonEmpty(c.RefreshPresent.Cookie)
			case c.SyncIdSet != nil:
				return nonEmpty(c.SyncIdSet.Cookie)
			}
		case *ldap.ControlSyncState:
			return nonEmpty(c.Cookie)
		}
	}
	return nil
}

func nonEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}
