package scim

import (
	"encoding/json"
	"strings"

	filter "github.com/scim2/filter-parser/v2"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// groupPathOp handles an operation with a path, parsed and validated
// against the Group model like a User's (patch_path.go): displayName,
// externalId, members, or members[value eq "id"] (Okta's and the RFC's
// removal; several ids joined by "or" too, in chains of any length).
// Entra's removal is "members" with a value list.
func groupPathOp(kind, rawPath string, value json.RawMessage, attrs []func(*store.Group), members []account.MemberOp) ([]func(*store.Group), []account.MemberOp, error) {
	p, err := parsePatchPath(rawPath, groupResource)
	if err != nil {
		return nil, nil, err
	}
	if !changeable(p.attr) {
		return nil, nil, badRequest(typeMutability, p.attr.Name()+" is read-only")
	}
	name := strings.ToLower(p.attr.Name())
	switch {
	case (name == "displayname" || name == "externalid") && p.sub == nil:
		attrs, err = groupAttrOp(kind, name, value, attrs)
		return attrs, members, err
	case name == "members" && p.sub == nil && p.filter == nil:
		members, err = groupMembersOp(kind, value, members)
		return attrs, members, err
	case name == "members" && p.sub == nil && kind == "remove":
		ids, err := groupMemberIDsOf(p.filter)
		if err != nil {
			return nil, nil, err
		}
		rm := make([]store.GroupMember, len(ids))
		for i, id := range ids {
			rm[i].AccountID = id
		}
		return attrs, append(members, account.MemberOp{Kind: account.MembersRemove, Members: rm}), nil
	}
	return nil, nil, badRequest(typeInvalidPath, "unsupported path "+quoteShort(rawPath))
}

// groupMemberIDsOf reads the ids of `value eq "id"` joined by "or".
func groupMemberIDsOf(e filter.Expression) ([]string, error) {
	switch e := e.(type) {
	case *filter.AttributeExpression:
		id, ok := e.CompareValue.(string)
		if strings.EqualFold(e.AttributePath.AttributeName, "value") && e.AttributePath.SubAttribute == nil &&
			e.Operator == filter.EQ && ok {
			return []string{id}, nil
		}
	case *filter.LogicalExpression:
		if e.Operator == filter.OR {
			l, err := groupMemberIDsOf(e.Left)
			if err != nil {
				return nil, err
			}
			r, err := groupMemberIDsOf(e.Right)
			return append(l, r...), err
		}
	}
	return nil, badRequest(typeInvalidFilter, `members filter must be value eq "id" (or several joined by or)`)
}

// groupAttrOp sets or clears displayName or externalId.
func groupAttrOp(kind, name string, raw json.RawMessage, attrs []func(*store.Group)) ([]func(*store.Group), error) {
	if name == "displayname" {
		if kind == "remove" {
			return nil, &scimError{status: 400, scimType: typeMutability, detail: "displayName is required"}
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, badRequest(typeInvalidValue, "displayName must be a string")
		}
		return append(attrs, func(g *store.Group) { g.DisplayName = v }), nil
	}
	var v *string
	if kind != "remove" {
		var err error
		if v, err = groupOptionalString(raw); err != nil {
			return nil, badRequest(typeInvalidValue, "externalId must be a string")
		}
	}
	return append(attrs, func(g *store.Group) { g.ExternalID = v }), nil
}

// groupMembersOp maps add, replace and remove on "members" (remove with a value
// list removes those, Entra's form; without a value, everyone).
func groupMembersOp(kind string, raw json.RawMessage, members []account.MemberOp) ([]account.MemberOp, error) {
	list, err := parseGroupMembers(raw)
	if err != nil {
		return nil, badRequest(typeInvalidValue, "members must be a list of {\"value\": id}")
	}
	switch {
	case kind == "add":
		return append(members, account.MemberOp{Kind: account.MembersAdd, Members: list}), nil
	case kind == "replace":
		return append(members, account.MemberOp{Kind: account.MembersReplace, Members: list}), nil
	case groupNoValue(raw):
		return append(members, account.MemberOp{Kind: account.MembersRemoveAll}), nil
	}
	// An empty list removes no one: it must never mean "everyone".
	return append(members, account.MemberOp{Kind: account.MembersRemove, Members: list}), nil
}

// groupNoValue reports an absent or null operation value.
func groupNoValue(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "" || s == "null"
}
