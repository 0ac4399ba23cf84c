package web

import (
	"encoding/json"
	"strings"
)

// emailVerified is the email_verified claim: true only when the provider
// says so, as a JSON true or, as some providers send it, the string "true".
// Absent, null, false or anything else is false.
type emailVerified bool

// UnmarshalJSON reads a boolean or its string form; it never fails, so an
// odd value refuses the login instead of breaking the claims' decoding.
func (v *emailVerified) UnmarshalJSON(b []byte) error {
	var x any
	if json.Unmarshal(b, &x) != nil {
		*v = false
		return nil
	}
	switch t := x.(type) {
	case bool:
		*v = emailVerified(t)
	case string:
		*v = emailVerified(strings.EqualFold(t, "true"))
	default:
		*v = false
	}
	return nil
}
