package scim

import (
	"strings"

	"github.com/elimity-com/scim/schema"
)

// coerce checks and converts v to def's type; nil means "unassigned". A
// lone value where a list belongs becomes a one-element list: Entra and
// Okta both send one.
func coerce(def schema.CoreAttribute, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if !def.MultiValued() {
		return coerceOne(def, v)
	}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		cv, err := coerceOne(def, it)
		if err != nil {
			return nil, err
		}
		if cv != nil {
			out = append(out, cv)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// coerceOne converts one value of def. Booleans, complex values and
// strings carry the IdPs' quirks (ours, doc.go); the other types are the
// library's checks.
func coerceOne(def schema.CoreAttribute, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch def.AttributeType() {
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case string: // Entra sends "True" / "False"
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
		}
		return nil, badRequest(typeInvalidValue, def.Name()+" must be a boolean")
	case typeComplex:
		return coerceComplex(def, v)
	case "string", "reference":
		s, ok := jsonString(v) // a number where a string belongs is its text (employeeNumber: 42)
		if !ok {
			return nil, badRequest(typeInvalidValue, def.Name()+" must be a string")
		}
		if strings.ContainsRune(s, 0) { // PostgreSQL text cannot hold NUL
			return nil, badRequest(typeInvalidValue, def.Name()+" contains a NUL character")
		}
		return s, nil
	}
	out, err := def.ValidateSingular(v)
	if err != nil {
		return nil, badRequest(typeInvalidValue, def.Name()+" must be a valid "+def.AttributeType())
	}
	return out, nil
}

// coerceComplex converts a complex value: its sub-attributes by their
// canonical names, coerced; unknown and read-only ones are dropped (RFC
// 7644 §3.5.1 lets a server ignore them). A plain value is the "value"
// sub-attribute: Entra sends the enterprise manager as a plain id.
func coerceComplex(def schema.CoreAttribute, v any) (any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		s, ok := jsonString(v)
		if !ok {
			return nil, badRequest(typeInvalidValue, def.Name()+" must be an object")
		}
		obj = map[string]any{"value": s}
	}
	out := map[string]any{}
	for k, sv := range obj {
		sdef, ok := subOf(def, k)
		if !ok || sdef.Mutability() == readOnly {
			continue
		}
		cv, err := coerceOne(sdef, sv)
		if err != nil {
			return nil, err
		}
		setOrDelete(out, sdef.Name(), cv)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
