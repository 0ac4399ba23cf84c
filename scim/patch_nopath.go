package scim

import (
	"strings"

	"github.com/elimity-com/scim/schema"
)

// applyNoPath merges a value object whose keys may be dotted or URN-prefixed
// (Entra) into doc: add appends to multi-valued attributes, replace
// replaces them; complex attributes merge sub-attributes (RFC 7644 §3.5.2).
// A null unassigns its attribute, as a remove of that path would; an
// unknown attribute is refused, never dropped.
func applyNoPath(doc map[string]any, op patchOp) error {
	obj, ok := op.value.(map[string]any)
	if !ok {
		return badRequest(typeInvalidValue, "an operation without a path needs an object value")
	}
	obj, err := applyFilteredKeys(doc, obj, op.op)
	if err != nil {
		return err
	}
	for _, path := range nullKeys(obj, op.op == "replace") {
		if err := applyPath(doc, patchOp{op: "remove", path: path}); err != nil {
			return err
		}
	}
	norm, err := normalizeKeys(obj, true)
	if err != nil {
		return err
	}
	for k, v := range norm {
		if k == EnterpriseURN {
			ext := subMap(doc, EnterpriseURN)
			rawExt, _ := lookupCI(obj, EnterpriseURN).(map[string]any)
			for ek, ev := range v.(map[string]any) {
				def, _ := attrOf(enterpriseSchema, ek)
				mergeAttr(ext, def, ev, lookupCI(rawExt, ek), op.op)
			}
			continue
		}
		def, _ := attrOf(userResource, k)
		mergeAttr(doc, def, v, lookupCI(obj, k), op.op)
	}
	return nil
}

// nullKeys lists the keys of a no-path value (and of an extension object
// in it) that unassign their attribute, as paths: a null, and for replace
// an empty list. Keys of attributes a client cannot change (id, meta,
// schemas, groups) are left out, as their values are.
func nullKeys(obj map[string]any, replace bool) []string {
	unassigns := func(v any) bool {
		l, isList := v.([]any)
		return v == nil || (replace && isList && len(l) == 0)
	}
	var out []string
	for k, v := range obj {
		container, s, rest := splitURN(k)
		if ext, ok := v.(map[string]any); ok && rest == "" && container != "" {
			for ek, ev := range ext {
				if unassigns(ev) {
					out = append(out, container+":"+ek)
				}
			}
			continue
		}
		name, _, _ := strings.Cut(rest, ".")
		if def, ok := attrOf(s, name); unassigns(v) && ok && changeable(def) {
			out = append(out, k)
		}
	}
	return out
}

// changeable reports whether a client may set def (not id, meta, groups, schemas).
func changeable(def schema.CoreAttribute) bool {
	return def.Mutability() != readOnly && !strings.EqualFold(def.Name(), "schemas")
}

// mergeAttr applies a coerced value v of def to target; raw is the value as
// sent, whose null sub-attributes unassign (nil when there are none).
func mergeAttr(target map[string]any, def schema.CoreAttribute, v, raw any, op string) {
	name := def.Name()
	switch {
	case def.MultiValued() && op == "add":
		cur, _ := target[name].([]any)
		target[name] = appendUnique(cur, v.([]any))
	case def.AttributeType() == typeComplex && !def.MultiValued():
		cur := subMap(target, name)
		sub, _ := v.(map[string]any)
		for sk, sv := range sub {
			cur[sk] = sv
		}
		rawSub, _ := raw.(map[string]any)
		for sk, sv := range rawSub {
			if sdef, ok := subOf(def, sk); ok && sv == nil {
				delete(cur, sdef.Name())
			}
		}
		if len(cur) == 0 {
			delete(target, name)
		}
	default:
		target[name] = v
	}
}

// appendUnique appends elements whose "value" is not already there.
func appendUnique(cur, add []any) []any {
	seen := make(map[string]bool, len(cur))
	for _, it := range cur {
		if m, ok := it.(map[string]any); ok {
			if s, ok := m["value"].(string); ok {
				seen[strings.ToLower(s)] = true
			}
		}
	}
	for _, it := range add {
		if m, ok := it.(map[string]any); ok {
			if s, ok := m["value"].(string); ok {
				if seen[strings.ToLower(s)] {
					continue
				}
				seen[strings.ToLower(s)] = true
			}
		}
		cur = append(cur, it)
	}
	return cur
}

// applyFilteredKeys applies the keys of a no-path value that are paths with
// a value filter (Entra with aadOptscim062020 sends
// "emails[type eq \"work\"].value" as a key) as operations with that path,
// and returns the other keys. Such a key never goes unapplied: a 204 means
// it is stored.
func applyFilteredKeys(doc, obj map[string]any, op string) (map[string]any, error) {
	rest := obj
	for k, v := range obj {
		if !strings.Contains(k, "[") {
			continue
		}
		if err := applyPath(doc, patchOp{op: op, path: k, value: v, hasValue: true}); err != nil {
			return nil, err
		}
		if len(rest) == len(obj) {
			rest = make(map[string]any, len(obj))
			for k2, v2 := range obj {
				rest[k2] = v2
			}
		}
		delete(rest, k)
	}
	return rest, nil
}
