package store

import (
	"strings"
	"time"
)

// groupWhere translates a filter over Groups to SQL on the groups table.
// It knows what IdPs send: id, displayName (case-insensitive), externalId
// (case-exact), members[value eq "u"] / members.value eq "u", members pr,
// meta.created and meta.lastModified, joined with and/or/not.
func groupWhere(f Filter, depth int) (string, []any, error) {
	if depth > 32 {
		return "", nil, filterErr("", "nested too deeply")
	}
	switch f := f.(type) {
	case And, Or:
		return groupChain(f, depth)
	case Not:
		sql, args, err := groupWhere(f.Inner, depth+1)
		return "NOT (" + sql + ")", args, err
	case Present:
		switch groupAttr(f.Attr) {
		case "id", "displayname", "meta.created", "meta.lastmodified":
			return "1 = 1", nil, nil
		case "externalid":
			return "(external_id IS NOT NULL AND external_id <> '')", nil, nil
		case "members", "members.value":
			return "member_count > 0", nil, nil
		}
		return "", nil, filterErr(f.Attr, reasonUnknown)
	case ValuePath:
		if a := groupAttr(f.Attr); a != "members" {
			return "", nil, filterErr(f.Attr, reasonUnknown)
		}
		c, ok := f.Filter.(Compare)
		if !ok || !strings.EqualFold(c.Attr, "value") || !strings.EqualFold(c.Op, "eq") {
			return "", nil, filterErr(f.Attr, `only members[value eq "id"] is supported`)
		}
		return groupMemberEq(c.Value)
	case Compare:
		return groupCompare(f)
	case constant:
		return f.sql(), nil, nil
	}
	return "", nil, filterErr("", "unsupported expression")
}

// groupChain translates a flat chain of and/or (Chain) one level deeper.
func groupChain(f Filter, depth int) (string, []any, error) {
	op, terms := Chain(f)
	parts := make([]string, len(terms))
	var args []any
	for i, t := range terms {
		sql, a, err := groupWhere(t, depth+1)
		if err != nil {
			return "", nil, err
		}
		parts[i], args = sql, append(args, a...)
	}
	return joinBalanced(parts, op), args, nil
}

// groupAttr lower-cases a Group attribute path and drops the core schema URN.
func groupAttr(attr string) string {
	a := strings.ToLower(attr)
	return strings.TrimPrefix(a, "urn:ietf:params:scim:schemas:core:2.0:group:")
}

func groupMemberEq(v any) (string, []any, error) {
	s, ok := v.(string)
	if !ok {
		return "", nil, filterErr("members.value", "needs a string")
	}
	return "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = groups.id AND gm.account_id = ?)", []any{s}, nil
}

func groupCompare(c Compare) (string, []any, error) {
	op := strings.ToLower(c.Op)
	attr := groupAttr(c.Attr)
	if attr == "members.value" && op == "eq" {
		return groupMemberEq(c.Value)
	}
	if attr == "meta.created" || attr == "meta.lastmodified" {
		col := map[string]string{"meta.created": "created_at", "meta.lastmodified": "updated_at"}[attr]
		s, _ := c.Value.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		sqlOp, ok := orderOps[op]
		if err != nil || !ok {
			return "", nil, filterErr(c.Attr, "needs an RFC 3339 date-time and eq ne gt ge lt le")
		}
		return col + " " + sqlOp + " ?", []any{t.UTC().Truncate(time.Microsecond)}, nil
	}
	col, ok := map[string]string{"id": "id", "displayname": "lower(display_name)", "externalid": "external_id"}[attr]
	if !ok {
		return "", nil, filterErr(c.Attr, reasonUnknown)
	}
	s, ok := c.Value.(string)
	if !ok {
		return "", nil, filterErr(c.Attr, "needs a string")
	}
	if attr == "displayname" {
		s = strings.ToLower(s)
	}
	switch op {
	case "eq":
		return col + " = ?", []any{s}, nil
	case "ne":
		return "(" + col + " IS NULL OR " + col + " <> ?)", []any{s}, nil
	case "sw", "co", "ew":
		if attr != "displayname" {
			break // case-exact LIKE differs between dialects; IdPs do not ask
		}
		p := likeEscape(s)
		if op != "sw" {
			p = "%" + p
		}
		if op != "ew" {
			p += "%"
		}
		return col + ` LIKE ? ESCAPE '\'`, []any{p}, nil
	}
	return "", nil, filterErr(c.Attr, "operator "+op+" is not supported on this attribute")
}
