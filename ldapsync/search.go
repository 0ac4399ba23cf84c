package ldapsync

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/go-ldap/ldap/v3"
)

// pageSize stays under the common server caps (AD 1000, the test slapd's
// 500 for ordinary users) and keeps memory flat: one page in flight.
const pageSize = 500

// reader streams searches on one connection and turns the answers that must
// stop a run (referral, missing base, failure) into *SafetyStop.
type reader struct {
	conn           *ldap.Conn
	log            *slog.Logger
	allowReferrals bool // Force: skip referrals instead of stopping
}

// stream runs req page by page (never SearchWithPaging, which buffers the
// whole result) and calls fn for every entry.
func (r *reader) stream(ctx context.Context, req *ldap.SearchRequest, fn func(*ldap.Entry) error) error {
	paging := ldap.NewControlPaging(pageSize)
	base := req.Controls
	for {
		req.Controls = append(base[:len(base):len(base)], paging)
		var next []byte
		err := r.each(ctx, r.conn.SearchAsync(ctx, req, 64), req, func(e *ldap.Entry, ctrls []ldap.Control) error {
			if e != nil {
				return fn(e)
			}
			if c, ok := ldap.FindControl(ctrls, ldap.ControlTypePaging).(*ldap.ControlPaging); ok {
				next = c.Cookie
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(next) == 0 {
			return nil
		}
		paging.SetCookie(next)
	}
}

// each drains one Response. Entries and control-only results (the final
// SearchResultDone controls, syncrepl intermediate messages) go to fn.
func (r *reader) each(ctx context.Context, res ldap.Response, req *ldap.SearchRequest,
	fn func(*ldap.Entry, []ldap.Control) error) error {
	for res.Next() {
		if ref := res.Referral(); ref != "" {
			if !r.allowReferrals {
				return &SafetyStop{Reason: fmt.Sprintf("the directory answered a referral to %s under %q", ref, req.BaseDN), Overridable: true}
			}
			r.log.Warn("ldap referral skipped (force)", "referral", ref, "base", req.BaseDN)
			continue
		}
		if err := fn(res.Entry(), res.Controls()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return searchStop(req, err)
	}
	if ctx.Err() != nil { // SearchAsync reports cancellation as success
		return fmt.Errorf("ldapsync: search %q: %w", req.BaseDN, ctx.Err())
	}
	return nil
}

func searchStop(req *ldap.SearchRequest, err error) error {
	switch {
	case ldap.IsErrorWithCode(err, ldap.LDAPResultNoSuchObject):
		return &SafetyStop{Reason: fmt.Sprintf("the base %q does not exist", req.BaseDN), Err: err}
	case ldap.IsErrorWithCode(err, ldap.LDAPResultReferral):
		return &SafetyStop{Reason: fmt.Sprintf("the directory answered a referral for %q", req.BaseDN), Err: err}
	}
	return &SafetyStop{Reason: fmt.Sprintf("the search under %q with %s failed", req.BaseDN, req.Filter), Err: err}
}

func searchRequest(base, filter string, attrs []string) *ldap.SearchRequest {
	return ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, attrs, nil)
}

func parseDN(dn string) (string, error) {
	d, err := ldap.ParseDN(dn)
	if err != nil {
		return "", fmt.Errorf("ldapsync: parse DN: %w", err)
	}
	return d.String(), nil
}
