package scim

import (
	"strings"

	"github.com/elimity-com/scim/schema"
	filter "github.com/scim2/filter-parser/v2"
)

// matchElement evaluates a value filter on one element of a multi-valued
// attribute, comparing as each sub-attribute's caseExact says. This runs on
// the one resource being patched, never over a list.
func matchElement(e filter.Expression, el map[string]any, def schema.CoreAttribute) bool {
	switch e := e.(type) {
	case *filter.LogicalExpression:
		if e.Operator == filter.AND {
			return matchElement(e.Left, el, def) && matchElement(e.Right, el, def)
		}
		return matchElement(e.Left, el, def) || matchElement(e.Right, el, def)
	case *filter.NotExpression:
		return !matchElement(e.Expression, el, def)
	case *filter.AttributeExpression:
		name := e.AttributePath.AttributeName
		have := lookupCI(el, name)
		if e.Operator == filter.PR {
			return have != nil && have != ""
		}
		sdef, _ := subOf(def, name)
		return compareValue(have, string(e.Operator), e.CompareValue, sdef.CaseExact())
	}
	return false
}

func lookupCI(m map[string]any, k string) any {
	for mk, v := range m {
		if strings.EqualFold(mk, k) {
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
