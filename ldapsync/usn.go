package ldapsync

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/go-ldap/ldap/v3"
)

// Active Directory's incremental sync follows Microsoft's "polling for
// changes using the uSNChanged attribute": every domain controller numbers
// its own changes, so the state keeps the highestCommittedUSN read before
// the previous run's searches together with the invocationId of the DC that
// answered. The next run reads the users with a higher uSNChanged, and the
// users deleted since (tombstones, through the Show Deleted control); a
// different DC, or one restored from a backup (a new invocationId), makes it
// a full sync. A user moved out of users.baseDN is not seen until the daily
// full reconcile.

// adMark is where a domain controller's change numbering stands.
type adMark struct {
	dc  string // invocationId of the DC, hex
	usn int64  // highestCommittedUSN
	nc  string // defaultNamingContext: its Deleted Objects container holds the tombstones
}

// adHighWater reads the DC's mark from its rootDSE and its NTDS settings.
func (r *reader) adHighWater(ctx context.Context) (adMark, error) {
	var m adMark
	var service string
	root := ldap.NewSearchRequest("", ldap.ScopeBaseObject, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=*)",
		[]string{"highestCommittedUSN", "dsServiceName", "defaultNamingContext"}, nil)
	err := r.each(ctx, r.conn.SearchAsync(ctx, root, 1), root, func(e *ldap.Entry, _ []ldap.Control) error {
		if e == nil {
			return nil
		}
		service, m.nc = e.GetAttributeValue("dsServiceName"), e.GetAttributeValue("defaultNamingContext")
		var err error
		m.usn, err = strconv.ParseInt(e.GetAttributeValue("highestCommittedUSN"), 10, 64)
		return err
	})
	if err != nil {
		return m, fmt.Errorf("ldapsync: rootDSE: %w", err)
	}
	if service == "" || m.nc == "" || m.usn <= 0 {
		return m, fmt.Errorf("ldapsync: the rootDSE names no dsServiceName, defaultNamingContext or highestCommittedUSN")
	}
	ntds := ldap.NewSearchRequest(service, ldap.ScopeBaseObject, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=*)",
		[]string{"invocationId"}, nil)
	err = r.each(ctx, r.conn.SearchAsync(ctx, ntds, 1), ntds, func(e *ldap.Entry, _ []ldap.Control) error {
		if e != nil {
			m.dc = hex.EncodeToString(e.GetRawAttributeValue("invocationId"))
		}
		return nil
	})
	if err == nil && m.dc == "" {
		err = fmt.Errorf("ldapsync: %s has no invocationId", service)
	}
	return m, err
}

// changedSince is the users filter restricted to changes after usn.
func changedSince(filter string, usn int64) string {
	return "(&" + filter + "(uSNChanged>=" + strconv.FormatInt(usn+1, 10) + "))"
}

// deletedSince returns the externalIds of the users deleted after usn. By
// default only administrators may list Deleted Objects: where the bind
// account may not (the container is then missing or refused), deletions
// wait for the daily full reconcile, as with whenChanged, and a warning
// says so.
func (r *reader) deletedSince(ctx context.Context, mark adMark, usn int64, m mapping) ([]string, error) {
	// Tombstones live in the domain's Deleted Objects container; searching
	// it, not the whole naming context, draws no referrals to the other
	// partitions.
	req := searchRequest("CN=Deleted Objects,"+mark.nc, fmt.Sprintf("(&(objectClass=user)(isDeleted=TRUE)(uSNChanged>=%d))", usn+1), []string{m.keyAttr})
	req.Controls = []ldap.Control{ldap.NewControlMicrosoftShowDeleted()}
	var gone []string
	err := r.stream(ctx, req, func(e *ldap.Entry) error {
		if id, err := externalID(e, m.keyAttr); err == nil {
			gone = append(gone, id)
		}
		return nil
	})
	if ldap.IsErrorWithCode(err, ldap.LDAPResultNoSuchObject) || ldap.IsErrorWithCode(err, ldap.LDAPResultInsufficientAccessRights) {
		r.log.Warn("ldap: Deleted Objects cannot be read; deletions wait for the full reconcile", "err", err)
		return nil, nil
	}
	return gone, err
}
