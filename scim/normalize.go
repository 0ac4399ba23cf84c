package scim

import (
	"encoding/json"
	"strings"
)

// normalizeUser turns a client's User document into our canonical form:
// canonical attribute names (clients send "Primary", "Department"), values
// coerced to their schema type (Entra's "True"), manager given as a plain
// string made {"value": ...}, dotted ("name.givenName") and URN-prefixed
// keys expanded, the enterprise extension under its URN. Read-only
// attributes (id, meta, groups, schemas) and unknown ones are dropped, as
// RFC 7644 §3.3 lets a server ignore what it does not support; password is
// dropped: it is never stored as sent.
func normalizeUser(raw map[string]any) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range raw {
		if err := putUserKey(out, k, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// putUserKey stores one (possibly dotted or URN) key of a User document in out.
func putUserKey(out map[string]any, key string, v any) error {
	container, defs, rest := splitURN(key)
	if rest == "" { // the extension object itself
		if container == "" {
			return nil // the core schema URN as a key: nothing to set
		}
		obj, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				return nil
			}
			return badRequest(typeInvalidValue, "the enterprise extension must be an object")
		}
		for k, sv := range obj {
			if err := putUserKey(out, EnterpriseURN+":"+k, sv); err != nil {
				return err
			}
		}
		return nil
	}
	name, sub, _ := strings.Cut(rest, ".")
	def, ok := lookupAttr(defs, name)
	if !ok || def.Mutability == "readOnly" || def.Mutability == "writeOnly" {
		return nil
	}
	target := out
	if container != "" {
		target = subMap(out, container)
	}
	if sub != "" {
		sdef, ok := lookupAttr(def.Sub, sub)
		if !ok || def.Multi {
			return nil
		}
		cv, err := coerce(sdef, v)
		if err != nil {
			return err
		}
		setOrDelete(subMap(target, def.Name), sdef.Name, cv)
		return nil
	}
	cv, err := coerce(def, v)
	if err != nil {
		return err
	}
	setOrDelete(target, def.Name, cv)
	return nil
}

// splitURN splits a key into its extension container ("" for the core
// schema), the attribute definitions that apply, and the rest of the key.
func splitURN(key string) (container string, defs []attr, rest string) {
	low := strings.ToLower(key)
	for _, urn := range []string{EnterpriseURN, UserURN} {
		u := strings.ToLower(urn)
		if low == u || strings.HasPrefix(low, u+":") {
			rest = strings.TrimPrefix(key[len(u):], ":")
			if urn == EnterpriseURN {
				return EnterpriseURN, enterpriseAttrs, rest
			}
			return "", userAttrs, rest
		}
	}
	if key == "" {
		return "", userAttrs, ""
	}
	return "", userAttrs, key
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
	case bool:
		if v {
			return "true", true
		}
		return "false", true
	}
	return "", false
}
