package scim

import "strings"

// coerce checks and converts v to def's type; nil means "unassigned".
func coerce(def attr, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if def.Multi {
		var items []any
		switch x := v.(type) {
		case []any:
			items = x
		default: // a lone value where a list belongs: Entra and Okta both do it
			items = []any{x}
		}
		out := make([]any, 0, len(items))
		for _, it := range items {
			one := def
			one.Multi = false
			cv, err := coerce(one, it)
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
	switch def.Type {
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
		return nil, badRequest(typeInvalidValue, def.Name+" must be a boolean")
	case "complex":
		obj, ok := v.(map[string]any)
		if !ok {
			// A plain value for a complex attribute is its "value" (Entra's manager).
			if s, ok := jsonString(v); ok {
				obj = map[string]any{"value": s}
			} else {
				return nil, badRequest(typeInvalidValue, def.Name+" must be an object")
			}
		}
		out := map[string]any{}
		for k, sv := range obj {
			sdef, ok := lookupAttr(def.Sub, k)
			if !ok {
				continue
			}
			cv, err := coerce(sdef, sv)
			if err != nil {
				return nil, err
			}
			setOrDelete(out, sdef.Name, cv)
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}
	s, ok := jsonString(v)
	if !ok {
		return nil, badRequest(typeInvalidValue, def.Name+" must be a string")
	}
	if strings.ContainsRune(s, 0) { // PostgreSQL text cannot hold NUL
		return nil, badRequest(typeInvalidValue, def.Name+" contains a NUL character")
	}
	return s, nil
}
