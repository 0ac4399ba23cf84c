package store

import (
	"errors"
	"fmt"
)

// InvalidError is input refused by a check of the layer that owns it
// (integration, invite, signin, ...): Field names the request field or
// flag-like key ("name", "redirectUris"), Reason says why in words safe to
// show to whoever sent it. Callers read it with errors.As instead of
// slicing err.Error(); wrapping it (%w) keeps it readable.
type InvalidError struct {
	Field  string
	Reason string
}

// Invalid returns an *InvalidError for field, the reason formatted as by
// fmt.Sprintf.
func Invalid(field, format string, args ...any) *InvalidError {
	return &InvalidError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Error is "field: reason", or the reason alone without a field; both are
// safe to show.
func (e *InvalidError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return e.Field + ": " + e.Reason
}

// AsInvalid returns the *InvalidError in err's chain, if any.
func AsInvalid(err error) (*InvalidError, bool) {
	var e *InvalidError
	return e, errors.As(err, &e)
}
