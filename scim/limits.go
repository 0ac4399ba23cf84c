package scim

import (
	"strconv"
)

// maxValues bounds each multi-valued attribute of a User (emails,
// phoneNumbers, ims, photos, addresses, entitlements, roles,
// x509Certificates; groups is read-only there and ignored unread): no
// person has a hundred addresses of one kind, and the bound keeps every request's work,
// and every account's rows, small. Creates and PUTs over it are refused
// with 400 invalidValue; a PATCH is refused when an operation grows an
// attribute past it (an account that already has more, written before the
// cap or by an LDAP directory, can still be patched and shrunk).
const maxValues = 100

// multiValued lists the User's multi-valued attributes, from the model.
var multiValued = func() []string {
	var out []string
	for _, a := range userSchema.Attributes {
		if a.MultiValued() {
			out = append(out, a.Name())
		}
	}
	return out
}()

// checkValues refuses a User document (create, PUT) with an attribute
// over maxValues values.
func checkValues(doc map[string]any) error {
	return checkValueCounts(doc, nil)
}

// valueCounts counts the values of each multi-valued attribute of doc.
func valueCounts(doc map[string]any) map[string]int {
	out := make(map[string]int, len(multiValued))
	for _, name := range multiValued {
		list, _ := doc[name].([]any)
		out[name] = len(list)
	}
	return out
}

// checkValueCounts refuses doc when an attribute has more than maxValues
// values and more than it had before (before nil: none).
func checkValueCounts(doc map[string]any, before map[string]int) error {
	for _, name := range multiValued {
		list, _ := doc[name].([]any)
		if n := len(list); n > maxValues && n > before[name] {
			return badRequest(typeInvalidValue, name+" has "+strconv.Itoa(n)+" values; at most "+
				strconv.Itoa(maxValues)+" are accepted")
		}
	}
	return nil
}

// checkAssigned refuses a patched document that lost userName (required)
// or active: an unassigned active would read as active (users_write.go).
func checkAssigned(doc map[string]any) error {
	if s, _ := doc["userName"].(string); s == "" {
		return errUnassign("userName")
	}
	if _, ok := doc["active"].(bool); !ok {
		return errUnassign("active")
	}
	return nil
}
