package scim

import (
	"strings"
)

// applyPath applies an operation with a path to doc.
func applyPath(doc map[string]any, op patchOp) error {
	if c, _, rest := splitURN(op.path); c != "" && rest == "" {
		return applyExtension(doc, c, op)
	}
	pp, err := parsePatchPath(op.path, userResource, userExtensions...)
	if err != nil {
		return err
	}
	if err := checkMutability(pp, op.op); err != nil {
		return err
	}
	if pp.attr.Mutability() == writeOnly { // password: accepted, checked, never kept
		_, err := coerce(pp.attr, op.value)
		return err
	}
	target := doc
	if pp.container != "" {
		target = subMap(doc, pp.container)
	}
	if pp.filter != nil {
		return applyFiltered(target, pp, op)
	}
	if op.op == "remove" {
		removePath(target, pp, op.value)
		return nil
	}
	name := pp.attr.Name()
	if pp.sub != nil {
		v, err := coerceOne(*pp.sub, op.value)
		if err != nil {
			return err
		}
		if pp.attr.MultiValued() {
			els := elements(target, name)
			if len(els) == 0 {
				target[name] = []any{map[string]any{}}
				els = elements(target, name)
			}
			for _, el := range els {
				setOrDelete(el, pp.sub.Name(), v)
			}
			return nil
		}
		setOrDelete(subMap(target, name), pp.sub.Name(), v)
		if len(subMap(target, name)) == 0 {
			delete(target, name)
		}
		return nil
	}
	v, err := coerce(pp.attr, op.value)
	if err != nil {
		return err
	}
	if v == nil { // null, [] or {}: replace unassigns; add has nothing to add
		if op.op == "replace" {
			delete(target, name)
		}
		return nil
	}
	mergeAttr(target, pp.attr, v, op.value, op.op)
	return nil
}

// removePath is remove without a value filter: of a sub-attribute (of every
// element when multi-valued), of the elements whose value is listed (Entra:
// path "emails", value [{"value": ...}]), or of the whole attribute.
func removePath(target map[string]any, pp patchPath, value any) {
	name := pp.attr.Name()
	switch {
	case pp.sub != nil && pp.attr.MultiValued():
		for _, el := range elements(target, name) {
			delete(el, pp.sub.Name())
		}
	case pp.sub != nil:
		if cur, ok := target[name].(map[string]any); ok {
			delete(cur, pp.sub.Name())
			if len(cur) == 0 {
				delete(target, name)
			}
		}
	case pp.attr.MultiValued() && value != nil:
		removeByValue(target, name, value)
	default:
		delete(target, name)
	}
}

// applyExtension applies an operation whose path is an extension's URN:
// remove drops every attribute of the extension; add and replace merge an
// object of its attributes.
func applyExtension(doc map[string]any, container string, op patchOp) error {
	if op.op == "remove" || (op.op == "replace" && op.value == nil) {
		delete(doc, container)
		return nil
	}
	if _, ok := op.value.(map[string]any); !ok {
		return badRequest(typeInvalidValue, "the value of "+container+" must be an object")
	}
	return applyNoPath(doc, patchOp{op: op.op, value: map[string]any{container: op.value}, hasValue: true})
}

// checkMutability refuses what a client may not change (RFC 7643 §2.2):
// read-only and immutable attributes, and the unassignment of userName
// (required) or active, which would otherwise read as active.
func checkMutability(pp patchPath, op string) error {
	name := pp.attr.Name()
	if pp.sub != nil && pp.sub.Mutability() == readOnly {
		name += "." + pp.sub.Name()
	} else if changeable(pp.attr) {
		if op == "remove" && pp.sub == nil && pp.filter == nil && mustStayAssigned(pp) {
			return errUnassign(name)
		}
		return nil
	}
	return badRequest(typeMutability, name+" is read-only")
}

// mustStayAssigned reports the attributes a PATCH may not leave unassigned.
func mustStayAssigned(pp patchPath) bool {
	return pp.container == "" && (pp.attr.Required() || strings.EqualFold(pp.attr.Name(), "active"))
}

func errUnassign(name string) error {
	if name == "active" {
		return badRequest(typeInvalidValue, `active cannot be removed: replace it with false to deactivate`)
	}
	return badRequest(typeInvalidValue, name+" is required and cannot be removed")
}
