package scim

import (
	"strings"

	"github.com/provisiond/provisiond/store"
)

// matchElement evaluates a value filter on one element of a multi-valued
// attribute. This runs on one resource being patched, never over a list.
func matchElement(f store.Filter, el map[string]any, def attr) bool {
	switch f := f.(type) {
	case store.And:
		return matchElement(f.Left, el, def) && matchElement(f.Right, el, def)
	case store.Or:
		return matchElement(f.Left, el, def) || matchElement(f.Right, el, def)
	case store.Not:
		return !matchElement(f.Inner, el, def)
	case store.Present:
		v := lookupCI(el, f.Attr)
		return v != nil && v != ""
	case store.Compare:
		sdef, _ := lookupAttr(def.Sub, f.Attr)
		return compareValue(lookupCI(el, f.Attr), f.Op, f.Value, sdef.CaseExact)
	}
	return false
}

func lookupCI(m map[string]any, k string) any {
	k = strings.ToLower(k)
	for mk, v := range m {
		if strings.ToLower(mk) == k {
			return v
		}
	}
	return nil
}

func compareValue(have any, op string, want any, caseExact bool) bool {
	if hb, ok := have.(bool); ok {
		wb, ok := want.(bool)
		if !ok {
			if s, isStr := want.(string); isStr {
				wb, ok = strings.EqualFold(s, "true"), strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
			}
		}
		return ok && ((op == "eq" && hb == wb) || (op == "ne" && hb != wb))
	}
	hs, ok1 := jsonString(have)
	ws, ok2 := jsonString(want)
	if !ok1 || !ok2 {
		return op == "ne" && have != want
	}
	if !caseExact {
		hs, ws = strings.ToLower(hs), strings.ToLower(ws)
	}
	switch op {
	case "eq":
		return hs == ws
	case "ne":
		return hs != ws
	case "co":
		return strings.Contains(hs, ws)
	case "sw":
		return strings.HasPrefix(hs, ws)
	case "ew":
		return strings.HasSuffix(hs, ws)
	case "gt":
		return hs > ws
	case "ge":
		return hs >= ws
	case "lt":
		return hs < ws
	case "le":
		return hs <= ws
	}
	return false
}
