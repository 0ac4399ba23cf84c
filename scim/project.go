package scim

import (
	"strings"

	"github.com/elimity-com/scim/schema"
)

// alwaysReturned attributes survive any attributes/excludedAttributes: those
// the model returns always (id), and schemas and meta, which every resource
// we send carries. Keys are lower-case, as the names of a projection.
var alwaysReturned = func() map[string]bool {
	m := map[string]bool{"schemas": true, "meta": true}
	for _, res := range []schema.Schema{userResource, groupResource} {
		for _, a := range res.Attributes {
			if a.Returned() == "always" {
				m[strings.ToLower(a.Name())] = true
			}
		}
	}
	return m
}()

// projection is a parsed attributes / excludedAttributes pair (RFC 7644 §3.9).
type projection struct {
	include, exclude [][]string // lower-cased paths: [attr] or [attr, sub]; URN containers as first element
}

func parseProjection(attributes, excluded string) projection {
	return projection{include: parseAttrList(attributes), exclude: parseAttrList(excluded)}
}

// parseAttrList splits "userName,name.givenName,urn:...:User:department".
// A value filter (Microsoft sends emails[type eq "work"]) selects the whole
// attribute: the projection names attributes, it does not filter values.
func parseAttrList(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		if p == "" {
			continue
		}
		container, _, rest := splitURN(p)
		var path []string
		if container != "" {
			path = append(path, strings.ToLower(container))
		}
		if rest != "" {
			path = append(path, strings.Split(strings.ToLower(rest), ".")...)
		}
		if len(path) > 0 {
			out = append(out, path)
		}
	}
	return out
}

// wants reports whether top-level attribute name survives the projection,
// so that costly attributes (groups) are read only when returned.
func (p projection) wants(name string) bool {
	name = strings.ToLower(name)
	for _, path := range p.exclude {
		if len(path) == 1 && path[0] == name {
			return false
		}
	}
	if len(p.include) == 0 {
		return true
	}
	for _, path := range p.include {
		if path[0] == name {
			return true
		}
	}
	return false
}

// apply returns doc reduced to the projection. doc is not modified.
func (p projection) apply(doc map[string]any) map[string]any {
	if len(p.include) == 0 && len(p.exclude) == 0 {
		return doc
	}
	out := doc
	if len(p.include) > 0 {
		out = map[string]any{}
		for k, v := range doc {
			if alwaysReturned[k] {
				out[k] = v
			}
		}
		for _, path := range p.include {
			copyPath(out, doc, path)
		}
	} else {
		out = shallowCopy(doc)
	}
	for _, path := range p.exclude {
		if len(path) == 1 && alwaysReturned[path[0]] {
			continue
		}
		deletePath(out, path)
	}
	return out
}

func findKey(m map[string]any, lower string) (string, bool) {
	for k := range m {
		if strings.ToLower(k) == lower {
			return k, true
		}
	}
	return "", false
}

func copyPath(dst, src map[string]any, path []string) {
	k, ok := findKey(src, path[0])
	if !ok {
		return
	}
	if len(path) == 1 {
		dst[k] = src[k]
		return
	}
	switch v := src[k].(type) {
	case map[string]any:
		d, _ := dst[k].(map[string]any)
		if d == nil {
			d = map[string]any{}
			dst[k] = d
		}
		copyPath(d, v, path[1:])
	case []any: // emails.value: keep that sub-attribute of every element
		out := make([]any, 0, len(v))
		for _, it := range v {
			if em, ok := it.(map[string]any); ok {
				d := map[string]any{}
				copyPath(d, em, path[1:])
				out = append(out, d)
			}
		}
		dst[k] = out
	}
}

func deletePath(m map[string]any, path []string) {
	k, ok := findKey(m, path[0])
	if !ok {
		return
	}
	if len(path) == 1 {
		delete(m, k)
		return
	}
	if sub, ok := m[k].(map[string]any); ok {
		c := shallowCopy(sub)
		deletePath(c, path[1:])
		m[k] = c
	}
}

func shallowCopy(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
