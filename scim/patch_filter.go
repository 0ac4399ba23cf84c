package scim

import (
	filter "github.com/scim2/filter-parser/v2"
)

// applyFiltered applies an operation to the elements of a multi-valued
// attribute selected by a value filter (emails[type eq "work"].value).
func applyFiltered(target map[string]any, pp patchPath, op patchOp) error {
	name := pp.attr.Name()
	var kept []any
	var matched []map[string]any
	for _, el := range elements(target, name) {
		if matchElement(pp.filter, el, pp.attr) {
			matched = append(matched, el)
			if op.op == "remove" && pp.sub == nil {
				continue
			}
		}
		kept = append(kept, el)
	}
	if op.op == "remove" {
		for _, el := range matched {
			if pp.sub != nil {
				delete(el, pp.sub.Name())
			}
		}
		setOrDelete(target, name, anyOrNil(kept))
		return nil
	}
	if len(matched) == 0 {
		el, err := seedElement(pp)
		if err != nil {
			return err
		}
		list, _ := target[name].([]any)
		target[name] = append(list, el)
		matched = []map[string]any{el}
	}
	for _, el := range matched {
		if pp.sub != nil {
			v, err := coerceOne(*pp.sub, op.value)
			if err != nil {
				return err
			}
			setOrDelete(el, pp.sub.Name(), v)
			continue
		}
		v, err := coerceOne(pp.attr, firstOf(op.value))
		if err != nil {
			return err
		}
		if m, ok := v.(map[string]any); ok {
			for k, sv := range m {
				el[k] = sv
			}
		}
	}
	return nil
}

// seedElement is the element a filter of eq comparisons joined by and
// describes: Entra adds a typed value with add (or replace) on
// emails[type eq "work"].value and expects it created (ours, doc.go).
// Another filter that matches nothing is RFC 7644's noTarget.
func seedElement(pp patchPath) (map[string]any, error) {
	seed, ok := equalities(pp.filter)
	if !ok {
		return nil, badRequest(typeNoTarget, "no value matches the filter in path")
	}
	el := map[string]any{}
	for k, v := range seed {
		if sdef, ok := subOf(pp.attr, k); ok {
			cv, err := coerceOne(sdef, v)
			if err != nil {
				return nil, err
			}
			setOrDelete(el, sdef.Name(), cv)
		}
	}
	return el, nil
}

func firstOf(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return v
}

// equalities returns the sub-attribute values of a filter made only of eq
// comparisons joined by and.
func equalities(e filter.Expression) (map[string]any, bool) {
	out := map[string]any{}
	var walk func(filter.Expression) bool
	walk = func(e filter.Expression) bool {
		switch e := e.(type) {
		case *filter.LogicalExpression:
			return e.Operator == filter.AND && walk(e.Left) && walk(e.Right)
		case *filter.AttributeExpression:
			if e.Operator != filter.EQ {
				return false
			}
			out[e.AttributePath.AttributeName] = e.CompareValue
			return true
		}
		return false
	}
	return out, walk(e)
}
