package permission

import (
	"fmt"
	"slices"
	"strings"
)

// Names of the permissions (contract: admins type them).
const (
	AccountsRead       = "accounts:read"
	AccountsWrite      = "accounts:write"
	AccountsDeactivate = "accounts:deactivate"
	GroupsRead         = "groups:read"
	GroupsWrite        = "groups:write"
)

// All lists every permission in display order; new SCIM integrations get all.
var All = []string{AccountsRead, AccountsWrite, AccountsDeactivate, GroupsRead, GroupsWrite}

// Default is All as stored, for new integrations.
var Default = Set(All).String()

// Set is a set of permission names, kept in the order of All.
type Set []string

// FromStored reads the stored, space-separated form. Unknown names (from a
// newer version) are dropped: they grant nothing here.
func FromStored(s string) Set {
	out := Set{}
	for _, p := range All {
		if slices.Contains(strings.Fields(s), p) {
			out = append(out, p)
		}
	}
	return out
}

// Parse reads an admin's list, separated by commas or spaces, refusing
// unknown names (all of them in one error). An empty list is the empty set.
func Parse(list string) (Set, error) {
	fields := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	return FromList(fields)
}

// FromList is Parse for names already split (a JSON array, checkboxes).
func FromList(names []string) (Set, error) {
	var unknown []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if !slices.Contains(All, n) {
			unknown = append(unknown, fmt.Sprintf("%q", n))
			continue
		}
		seen[n] = true
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("permission: unknown %s (known: %s)", strings.Join(unknown, ", "), strings.Join(All, ", "))
	}
	out := Set{}
	for _, p := range All {
		if seen[p] {
			out = append(out, p)
		}
	}
	return out, nil
}

// Has reports whether s holds p.
func (s Set) Has(p string) bool { return slices.Contains(s, p) }

// String is the stored form: names separated by single spaces.
func (s Set) String() string { return strings.Join(s, " ") }
