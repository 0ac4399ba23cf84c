package ldapsync

import (
	"context"
	"slices"

	"github.com/go-ldap/ldap/v3"
)

// matchingRuleInChain is LDAP_MATCHING_RULE_IN_CHAIN: AD evaluates nested
// membership server-side, which also avoids ranged retrieval of the member
// attribute of groups above 1500 members.
const matchingRuleInChain = "1.2.840.113556.1.4.1941"

// membershipFilter selects the users whose attr holds groupDN. The DN comes
// from the directory and may hold filter metacharacters (cn=R&D (Paris)*),
// so it is escaped like any other value.
func membershipFilter(userFilter, attr, rule, groupDN string) string {
	op := attr
	if rule != "" {
		op += ":" + rule + ":"
	}
	return "(&" + userFilter + "(" + op + "=" + ldap.EscapeFilter(groupDN) + "))"
}

// inChainMembers fills MemberExternalIDs of every group with one search per
// group. Untested against a real AD (see doc.go).
func (r *reader) inChainMembers(ctx context.Context, cfg *Config, m mapping, groups []*rawGroup) error {
	for _, g := range groups {
		var ids []string
		f := membershipFilter(cfg.Users.Filter, "memberOf", matchingRuleInChain, g.DN)
		err := r.stream(ctx, searchRequest(cfg.Users.BaseDN, f, []string{m.keyAttr}), func(e *ldap.Entry) error {
			if id, err := externalID(e, m.keyAttr); err == nil {
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			return err
		}
		slices.Sort(ids)
		g.MemberExternalIDs = slices.Compact(ids)
	}
	return nil
}
