package scim

import (
	efilter "github.com/elimity-com/scim/filter"
	"github.com/elimity-com/scim/schema"
	filter "github.com/scim2/filter-parser/v2"
)

// resolvePath finds the attribute definitions a parsed path names. An
// attribute without a URN prefix is looked up in the core schema, then in
// the extensions, as the library's validator does.
func resolvePath(p filter.Path, res schema.Schema, exts []schema.Schema) (patchPath, error) {
	raw := p.String()
	s, container := res, ""
	attr, ok := schema.CoreAttribute{}, false
	uri := p.AttributePath.URI()
	if uri == "" || uri == res.ID {
		attr, ok = attrOf(res, p.AttributePath.AttributeName)
	}
	for _, e := range exts {
		if !ok && (uri == "" || uri == e.ID) {
			if attr, ok = attrOf(e, p.AttributePath.AttributeName); ok {
				s, container = e, e.ID
			}
		}
	}
	if !ok {
		return patchPath{}, unknownPath(raw)
	}
	pp := patchPath{container: container, attr: attr, filter: p.ValueExpression}
	subName := p.SubAttributeName()
	if inner := p.AttributePath.SubAttributeName(); inner != "" {
		if subName != "" || pp.filter != nil { // emails.value[...]: not a path
			return patchPath{}, unknownPath(raw)
		}
		subName = inner
	}
	if subName != "" {
		sub, ok := subOf(attr, subName)
		if !ok {
			return patchPath{}, unknownPath(raw)
		}
		pp.sub = &sub
	}
	if pp.filter != nil {
		if !attr.MultiValued() || !flatValueFilter(pp.filter) {
			return patchPath{}, badRequest(typeInvalidPath, "a value filter selects values of a multi-valued attribute by their sub-attributes")
		}
		v := efilter.NewFilterValidator(pp.filter, schema.Schema{ID: s.ID, Attributes: efilter.MultiValuedFilterAttributes(attr)})
		if err := v.Validate(); err != nil {
			return patchPath{}, badRequest(typeInvalidPath, "the value filter names no sub-attribute of "+attr.Name())
		}
	}
	return pp, nil
}

// flatValueFilter reports whether e compares sub-attributes only: a value
// path inside a value filter (emails[x[y eq 1]]) is not SCIM.
func flatValueFilter(e filter.Expression) bool {
	switch e := e.(type) {
	case *filter.AttributeExpression:
		return e.AttributePath.SubAttribute == nil
	case *filter.LogicalExpression:
		return flatValueFilter(e.Left) && flatValueFilter(e.Right)
	case *filter.NotExpression:
		return flatValueFilter(e.Expression)
	}
	return false
}
