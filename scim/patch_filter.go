package scim

import "github.com/provisiond/provisiond/store"

// applyFiltered applies an operation to the elements of a multi-valued
// attribute selected by a value filter (emails[type eq "work"].value).
func applyFiltered(target map[string]any, pp patchPath, op patchOp) error {
	name := pp.def.Name
	var kept []any
	var matched []map[string]any
	for _, el := range elements(target, name) {
		if matchElement(pp.filter, el, pp.def) {
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
				delete(el, pp.sub.Name)
			}
		}
		setOrDelete(target, name, anyOrNil(kept))
		return nil
	}
	if len(matched) == 0 {
		// Entra adds a typed value with add (or replace) on a filter such as
		// emails[type eq "work"].value: create the element the filter describes.
		seed, ok := equalities(pp.filter)
		if !ok {
			return badRequest(typeNoTarget, "no value matches the filter in path")
		}
		el := map[string]any{}
		for k, v := range seed {
			if sdef, ok := lookupAttr(pp.def.Sub, k); ok {
				cv, err := coerce(sdef, v)
				if err != nil {
					return err
				}
				setOrDelete(el, sdef.Name, cv)
			}
		}
		list, _ := target[name].([]any)
		target[name] = append(list, el)
		matched = []map[string]any{el}
	}
	for _, el := range matched {
		if pp.sub != nil {
			v, err := coerce(*pp.sub, op.value)
			if err != nil {
				return err
			}
			setOrDelete(el, pp.sub.Name, v)
			continue
		}
		one := pp.def
		one.Multi = false
		v, err := coerce(one, firstOf(op.value))
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

func firstOf(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return v
}

// equalities returns the sub-attribute values of a filter made only of eq
// comparisons joined by and.
func equalities(f store.Filter) (map[string]any, bool) {
	out := map[string]any{}
	var walk func(store.Filter) bool
	walk = func(f store.Filter) bool {
		switch f := f.(type) {
		case store.And:
			return walk(f.Left) && walk(f.Right)
		case store.Compare:
			if f.Op != "eq" {
				return false
			}
			out[f.Attr] = f.Value
			return true
		}
		return false
	}
	return out, walk(f)
}
