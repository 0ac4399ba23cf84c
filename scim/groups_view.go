package scim

import "strings"

// groupView is the attribute projection of a Groups response (RFC 7644
// §3.9) reduced to what the streaming writer needs: which top-level
// attributes to write. id, schemas and meta are always returned (as for
// Users); "members.value" selects members.
type groupView struct {
	only    map[string]bool // nil: the default set
	exclude map[string]bool
}

// groupViewOf reads the attributes / excludedAttributes of a projection.
func groupViewOf(p projection) groupView {
	return groupView{only: groupTopLevel(p.include), exclude: groupTopLevel(p.exclude)}
}

// groupViewOfQuery reads attributes and excludedAttributes from a URL query.
func groupViewOfQuery(get func(string) string) groupView {
	return groupViewOf(parseProjection(get("attributes"), get("excludedAttributes")))
}

// has says whether the top-level attribute name (lower case) is written.
func (v groupView) has(name string) bool {
	switch {
	case alwaysReturned[name]:
		return true
	case v.only != nil:
		return v.only[name]
	}
	return !v.exclude[name]
}

func groupTopLevel(paths [][]string) map[string]bool {
	if len(paths) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, p := range paths {
		// parseAttrList knows only the User URNs: rejoin, then drop ours.
		top, _, _ := strings.Cut(groupKey(strings.Join(p, ".")), ".")
		set[top] = true
	}
	return set
}
