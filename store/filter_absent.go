package store

import (
	"errors"
	"strings"
)

// A filter over several resource types (SCIM's root .search) may name an
// attribute that one type lacks. RFC 7644 §3.4.2.2: the provider then
// treats that attribute as having no value, so "userName eq "x"" is false
// for a Group and "userName pr" too, while "userName ne "x"" is true.
// withAbsent rewrites a filter for one type, replacing each comparison the
// type does not know (its translate answers an unknown-attribute
// FilterError) by that constant; absent collects those attributes.

// constant is a filter whose value is known without the data.
type constant bool

func (constant) isFilter() {}

func (c constant) sql() string {
	if c {
		return "1 = 1"
	}
	return "1 = 0"
}

// withAbsent returns f for resource type kind, whose single-term
// translation is translate, with its unknown attributes replaced as above
// and meta.resourceType (which every resource has) decided.
func withAbsent(f Filter, kind string, depth int, translate func(Filter) error, absent map[string]bool) (Filter, error) {
	if depth > maxFilterDepth {
		return nil, filterErr("", "nested too deeply")
	}
	switch x := f.(type) {
	case And, Or:
		op, terms := Chain(f)
		var out Filter
		for _, t := range terms {
			r, err := withAbsent(t, kind, depth+1, translate, absent)
			if err != nil {
				return nil, err
			}
			switch {
			case out == nil:
				out = r
			case op == "AND":
				out = And{Left: out, Right: r}
			default:
				out = Or{Left: out, Right: r}
			}
		}
		return out, nil
	case Not:
		inner, err := withAbsent(x.Inner, kind, depth+1, translate, absent)
		if err != nil {
			return nil, err
		}
		return Not{Inner: inner}, nil
	case nil, constant:
		return f, nil
	}
	if c, ok, err := resourceTypeIs(f, kind); ok || err != nil {
		return c, err
	}
	err := translate(f)
	if err == nil {
		return f, nil
	}
	var fe *FilterError
	if !errors.As(err, &fe) || fe.Reason != reasonUnknown {
		return nil, err
	}
	absent[strings.ToLower(leafAttr(f))] = true
	return absentValue(f), nil
}

// absentValue is what leaf f says of an attribute without a value.
func absentValue(f Filter) constant {
	c, ok := f.(Compare)
	if !ok { // pr, or a value path: nothing to match
		return false
	}
	op := strings.ToLower(c.Op)
	if c.Value == nil {
		return op == "eq"
	}
	return op == "ne"
}

func leafAttr(f Filter) string {
	switch x := f.(type) {
	case Compare:
		return x.Attr
	case Present:
		return x.Attr
	case ValuePath:
		return x.Attr
	}
	return ""
}

// resourceTypeIs decides a comparison of meta.resourceType for resources of
// kind; ok is false for any other attribute.
func resourceTypeIs(f Filter, kind string) (c constant, ok bool, err error) {
	if !strings.EqualFold(leafAttr(f), "meta.resourceType") {
		return false, false, nil
	}
	switch x := f.(type) {
	case Present:
		return true, true, nil
	case Compare:
		v, isString := x.Value.(string)
		switch op := strings.ToLower(x.Op); {
		case isString && op == "eq":
			return constant(strings.EqualFold(v, kind)), true, nil
		case isString && op == "ne":
			return constant(!strings.EqualFold(v, kind)), true, nil
		}
	}
	return false, true, filterErr("meta.resourceType", `only "pr", "eq" and "ne" with a string apply`)
}
