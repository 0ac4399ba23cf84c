package scim

import (
	"net/http"
	"strings"
)

// patchOp is one PATCH operation; op is lower-cased.
type patchOp struct {
	op       string
	path     string
	value    any
	hasValue bool
}

const maxPatchOps = 1000

// readPatch decodes a PatchOp body. Member names are matched
// case-insensitively ("Operations", "op": "Replace"), as Entra sends them.
func readPatch(r *http.Request) ([]patchOp, error) {
	var raw map[string]any
	if err := decodeJSON(r, &raw); err != nil {
		return nil, err
	}
	var list []any
	for k, v := range raw {
		if strings.EqualFold(k, "Operations") {
			l, ok := v.([]any)
			if !ok {
				return nil, badRequest(typeInvalidSyntax, "Operations must be an array")
			}
			list = l
		}
	}
	if len(list) == 0 {
		return nil, badRequest(typeInvalidSyntax, "a PatchOp needs at least one operation")
	}
	if len(list) > maxPatchOps {
		return nil, &scimError{status: http.StatusRequestEntityTooLarge, scimType: typeTooMany, detail: "too many operations"}
	}
	ops := make([]patchOp, 0, len(list))
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, badRequest(typeInvalidSyntax, "each operation must be an object")
		}
		var op patchOp
		for k, v := range m {
			switch strings.ToLower(k) {
			case "op":
				s, _ := v.(string)
				op.op = strings.ToLower(strings.TrimSpace(s))
			case "path":
				s, ok := v.(string)
				if !ok && v != nil {
					return nil, badRequest(typeInvalidPath, "path must be a string")
				}
				op.path = strings.TrimSpace(s)
			case "value":
				op.value, op.hasValue = v, true
			}
		}
		switch op.op {
		case "add", "replace":
			if !op.hasValue {
				return nil, badRequest(typeInvalidValue, op.op+" needs a value")
			}
		case "remove":
			if op.path == "" {
				return nil, badRequest(typeNoTarget, "remove needs a path")
			}
		default:
			return nil, badRequest(typeInvalidSyntax, `op must be "add", "replace" or "remove"`)
		}
		ops = append(ops, op)
	}
	return ops, nil
}

// applyOps applies ops in order to a canonical User document.
func applyOps(doc map[string]any, ops []patchOp) error {
	for _, op := range ops {
		var err error
		if op.path == "" {
			err = applyNoPath(doc, op)
		} else {
			err = applyPath(doc, op)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// applyNoPath merges a value object whose keys may be dotted or URN-prefixed
// (Entra) into doc: add appends to multi-valued attributes, replace
// replaces them; complex attributes merge sub-attributes (RFC 7644 §3.5.2).
func applyNoPath(doc map[string]any, op patchOp) error {
	obj, ok := op.value.(map[string]any)
	if !ok {
		return badRequest(typeInvalidValue, "an operation without a path needs an object value")
	}
	norm, err := normalizeUser(obj)
	if err != nil {
		return err
	}
	for k, v := range norm {
		if k == EnterpriseURN {
			ext := subMap(doc, EnterpriseURN)
			for ek, ev := range v.(map[string]any) {
				def, _ := lookupAttr(enterpriseAttrs, ek)
				mergeAttr(ext, def, ev, op.op)
			}
			continue
		}
		def, _ := lookupAttr(userAttrs, k)
		mergeAttr(doc, def, v, op.op)
	}
	return nil
}

func mergeAttr(target map[string]any, def attr, v any, op string) {
	switch {
	case def.Multi && op == "add":
		cur, _ := target[def.Name].([]any)
		target[def.Name] = appendUnique(cur, v.([]any))
	case def.Type == "complex" && !def.Multi:
		cur := subMap(target, def.Name)
		for sk, sv := range v.(map[string]any) {
			cur[sk] = sv
		}
	default:
		target[def.Name] = v
	}
}

// appendUnique appends elements whose "value" is not already there.
func appendUnique(cur, add []any) []any {
	seen := map[string]bool{}
	for _, it := range cur {
		if m, ok := it.(map[string]any); ok {
			if s, ok := m["value"].(string); ok {
				seen[strings.ToLower(s)] = true
			}
		}
	}
	for _, it := range add {
		if m, ok := it.(map[string]any); ok {
			if s, ok := m["value"].(string); ok && seen[strings.ToLower(s)] {
				continue
			}
		}
		cur = append(cur, it)
	}
	return cur
}
