package scim

import "strings"

// elements returns the objects of a multi-valued attribute (mutable).
func elements(target map[string]any, name string) []map[string]any {
	list, _ := target[name].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// removeByValue removes elements whose "value" is among v's (Entra removes
// members and emails this way: path "emails", value [{"value": ...}]).
func removeByValue(target map[string]any, name string, v any) {
	drop := map[string]bool{}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			for k, x := range m {
				if s, ok := x.(string); ok && strings.EqualFold(k, "value") {
					drop[strings.ToLower(s)] = true
				}
			}
		}
	}
	if len(drop) == 0 {
		delete(target, name)
		return
	}
	var keep []any
	for _, el := range elements(target, name) {
		if s, _ := el["value"].(string); !drop[strings.ToLower(s)] {
			keep = append(keep, el)
		}
	}
	setOrDelete(target, name, anyOrNil(keep))
}

func anyOrNil(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l
}
