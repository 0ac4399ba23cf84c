package store

import (
	"errors"
	"fmt"
)

// Filter is a neutral filter expression over accounts (or, later, groups):
// SCIM's filter grammar parsed by the caller, translated to SQL here only.
// The concrete types are And, Or, Not, Compare, Present and ValuePath.
type Filter interface{ isFilter() }

// And matches when both sides match.
type And struct{ Left, Right Filter }

// Or matches when either side matches.
type Or struct{ Left, Right Filter }

// Not matches when Inner does not.
type Not struct{ Inner Filter }

// Compare is "Attr Op Value". Attr is a SCIM attribute path, matched
// case-insensitively ("userName", "name.familyName", "emails.value",
// "meta.created", enterprise attributes with or without their schema URN).
// Op is one of eq ne co sw ew gt ge lt le. Value is a string, float64,
// bool or nil (eq null means "not present").
type Compare struct {
	Attr  string
	Op    string
	Value any
}

// Present is "Attr pr".
type Present struct{ Attr string }

// ValuePath is "Attr[Filter]" on a multi-valued attribute (emails): it
// matches when one element satisfies Filter, whose attributes are
// sub-attributes of Attr ("value", "type", "primary", "display").
type ValuePath struct {
	Attr   string
	Filter Filter
}

func (And) isFilter()       {}
func (Or) isFilter()        {}
func (Not) isFilter()       {}
func (Compare) isFilter()   {}
func (Present) isFilter()   {}
func (ValuePath) isFilter() {}

// ErrFilter is the class of errors for filters the store cannot translate:
// an unknown attribute, an operator that does not apply, a bad value.
var ErrFilter = errors.New("store: invalid filter")

// FilterError says which part of a filter was refused. It matches ErrFilter.
type FilterError struct {
	Attr   string
	Reason string
}

func (e *FilterError) Error() string {
	return fmt.Sprintf("store: invalid filter: %s: %s", e.Attr, e.Reason)
}

// Is makes errors.Is(err, ErrFilter) true.
func (e *FilterError) Is(target error) bool { return target == ErrFilter }

// UnknownAttr reports whether err is a FilterError about an attribute the
// store does not know (SCIM: invalidPath rather than invalidFilter).
func UnknownAttr(err error) bool {
	var fe *FilterError
	return errors.As(err, &fe) && fe.Reason == reasonUnknown
}

const reasonUnknown = "unknown or unfilterable attribute"

func filterErr(attr, reason string) error { return &FilterError{Attr: attr, Reason: reason} }
