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

// maxPatchOps bounds the operations of one PATCH, of a User or a Group.
const maxPatchOps = 1000

func errTooManyOps() error {
	return &scimError{status: http.StatusRequestEntityTooLarge, scimType: typeTooMany,
		detail: "too many operations: at most 1000 in one PATCH"}
}

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
		return nil, errTooManyOps()
	}
	ops := make([]patchOp, 0, len(list))
	for _, it := range list {
		op, err := readOp(it)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func readOp(it any) (patchOp, error) {
	var op patchOp
	m, ok := it.(map[string]any)
	if !ok {
		return op, badRequest(typeInvalidSyntax, "each operation must be an object")
	}
	for k, v := range m {
		switch strings.ToLower(k) {
		case "op":
			s, _ := v.(string)
			op.op = strings.ToLower(strings.TrimSpace(s))
		case "path":
			s, ok := v.(string)
			if !ok && v != nil {
				return op, badRequest(typeInvalidPath, "path must be a string")
			}
			op.path = strings.TrimSpace(s)
		case "value":
			op.value, op.hasValue = v, true
		}
	}
	switch op.op {
	case "add", "replace":
		if !op.hasValue {
			return op, badRequest(typeInvalidValue, op.op+" needs a value")
		}
	case "remove":
		if op.path == "" {
			return op, badRequest(typeNoTarget, "remove needs a path")
		}
	default:
		return op, badRequest(typeInvalidSyntax, `op must be "add", "replace" or "remove"`)
	}
	return op, nil
}

// applyOps applies ops in order to a canonical User document, in memory.
// Each operation costs time in proportion to its value and to the
// attribute it changes, which the value cap keeps small (limits.go), so a
// PATCH costs time in proportion to its size.
func applyOps(doc map[string]any, ops []patchOp) error {
	before := valueCounts(doc)
	for _, op := range ops {
		var err error
		if op.path == "" {
			err = applyNoPath(doc, op)
		} else {
			err = applyPath(doc, op)
		}
		if err == nil {
			err = checkValueCounts(doc, before)
		}
		if err != nil {
			return err
		}
	}
	return checkAssigned(doc)
}
