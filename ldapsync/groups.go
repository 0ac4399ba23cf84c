package ldapsync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

// rawGroup is a group as read: user members already resolved to keys, other
// member DNs (nested groups, or users outside the sync scope) kept for later.
type rawGroup struct {
	Group
	users    []string
	unsolved []string // dnKey of members that are not known users
}

// readGroups reads every group and plans the changed ones. Members are
// resolved through p.dnToID (this run's users, or the snapshot's DNs in an
// incremental run) and nested groups are flattened, so a Group lists users.
func (r *reader) readGroups(ctx context.Context, cfg *Config, m mapping, known map[string]string, p *plan) error {
	if cfg.Groups.BaseDN == "" {
		return nil
	}
	byDN := map[string]*rawGroup{}
	var order []*rawGroup
	attrs := []string{m.keyAttr, "cn", cfg.Groups.MemberAttribute}
	err := r.stream(ctx, searchRequest(cfg.Groups.BaseDN, cfg.Groups.Filter, attrs), func(e *ldap.Entry) error {
		id, err := externalID(e, m.keyAttr)
		if err != nil {
			r.log.Warn("ldap group skipped", "dn", e.DN, "error", err)
			return nil
		}
		g := &rawGroup{Group: Group{ExternalID: id, DN: e.DN, DisplayName: e.GetAttributeValue("cn")}}
		for _, v := range e.GetEqualFoldAttributeValues(cfg.Groups.MemberAttribute) {
			k := dnKey(v)
			if uid, ok := p.dnToID[k]; ok {
				g.users = append(g.users, uid)
			} else {
				g.unsolved = append(g.unsolved, k)
			}
		}
		byDN[dnKey(e.DN)] = g
		order = append(order, g)
		return nil
	})
	if err != nil {
		return err
	}
	if cfg.ActiveDirectory {
		if err := r.inChainMembers(ctx, cfg, m, order); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, g := range order {
		if !cfg.ActiveDirectory {
			g.MemberExternalIDs = flatten(g, byDN, map[*rawGroup]bool{})
		}
		g.Hash = groupHash(&g.Group)
		seen[g.ExternalID] = true
		if known[g.ExternalID] != g.Hash {
			p.groups = append(p.groups, g.Group)
			p.note(Change{Op: "group", ExternalID: g.ExternalID, DN: g.DN})
		}
	}
	for id := range known {
		if !seen[id] {
			p.groupRemovals = append(p.groupRemovals, id)
		}
	}
	return nil
}

// flatten returns the sorted, unique users of g and of the groups nested in
// it; visiting guards against membership cycles, which directories allow.
func flatten(g *rawGroup, byDN map[string]*rawGroup, visiting map[*rawGroup]bool) []string {
	visiting[g] = true
	out := slices.Clone(g.users)
	for _, k := range g.unsolved {
		if sub, ok := byDN[k]; ok && !visiting[sub] {
			out = append(out, flatten(sub, byDN, visiting)...)
		}
	}
	delete(visiting, g)
	slices.Sort(out)
	return slices.Compact(out)
}

func groupHash(g *Group) string {
	h := sha256.New()
	h.Write([]byte(g.DN + "\x00" + g.DisplayName + "\x00" + strings.Join(g.MemberExternalIDs, "\x1f")))
	return hex.EncodeToString(h.Sum(nil)[:16])
}
