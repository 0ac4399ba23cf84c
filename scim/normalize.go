package scim

import (
	"encoding/json"
	"strconv"
	"strings"
)

// normalizeUser turns a client's User document into our canonical form:
// canonical attribute names (clients send "Primary", "Department"), values
// coerced to their schema type (Entra's "True"), manager given as a plain
// string made {"value": ...}, dotted ("name.givenName") and URN-prefixed
// keys expanded, the enterprise extension under its URN. Read-only
// attributes (id, meta, groups), schemas and unknown attributes are dropped,
// as RFC 7644 §3.3 and §3.5.1 let a server ignore what it does not support;
// password is checked and dropped: it is never stored as sent.
func normalizeUser(raw map[string]any) (map[string]any, error) {
	return normalizeKeys(raw, false)
}

// normalizeKeys is normalizeUser; strict refuses unknown attributes (a
// PATCH value names what it changes: dropping a name would answer 204 for
// a change that is not stored).
func normalizeKeys(raw map[string]any, strict bool) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range raw {
		if err := putUserKey(out, k, v, strict); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// putUserKey stores one (possibly dotted or URN) key of a User document in out.
func putUserKey(out map[string]any, key string, v any, strict bool) error {
	container, s, rest := splitURN(key)
	if rest == "" { // a schema URN as the key
		if container == "" {
			return nil // the core schema URN: nothing to set
		}
		obj, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				return nil
			}
			return badRequest(typeInvalidValue, "the enterprise extension must be an object")
		}
		for k, sv := range obj {
			if err := putUserKey(out, container+":"+k, sv, strict); err != nil {
				return err
			}
		}
		return nil
	}
	name, sub, _ := strings.Cut(rest, ".")
	def, ok := attrOf(s, name)
	switch {
	case !ok && strict:
		return badRequest(typeInvalidPath, "unknown attribute "+strconv.Quote(key))
	case !ok, def.Mutability() == readOnly, strings.EqualFold(name, "schemas"):
		return nil
	case def.Mutability() == writeOnly: // password: accepted, never kept
		_, err := coerce(def, v)
		return err
	}
	target := out
	if container != "" {
		target = subMap(out, container)
	}
	if sub != "" {
		sdef, ok := subOf(def, sub)
		if !ok || def.MultiValued() {
			if strict {
				return badRequest(typeInvalidPath, "unknown attribute "+strconv.Quote(key))
			}
			return nil
		}
		if sdef.Mutability() == readOnly {
			return nil
		}
		cv, err := coerceOne(sdef, v)
		if err != nil {
			return err
		}
		setOrDelete(subMap(target, def.Name()), sdef.Name(), cv)
		return nil
	}
	cv, err := coerce(def, v)
	if err != nil {
		return err
	}
	setOrDelete(target, def.Name(), cv)
	return nil
}

func subMap(m map[string]any, key string) map[string]any {
	if s, ok := m[key].(map[string]any); ok {
		return s
	}
	s := map[string]any{}
	m[key] = s
	return s
}

func setOrDelete(m map[string]any, k string, v any) {
	if v == nil {
		delete(m, k)
		return
	}
	m[k] = v
}

// jsonString renders a decoded JSON scalar as a string (numbers as sent).
func jsonString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case float64:
		b, _ := json.Marshal(v)
		return string(b), true
	case int:
		return strconv.Itoa(v), true
	case bool:
		if v {
			return "true", true
		}
		return "false", true
	}
	return "", false
}
