package scim

import (
	"strings"

	efilter "github.com/elimity-com/scim/filter"
	"github.com/elimity-com/scim/schema"
	filter "github.com/scim2/filter-parser/v2"
)

// maxPathBytes bounds a PATCH path: a value filter of 100 member ids joined
// by "or" takes about 6 KB.
const maxPathBytes = 16 << 10

// patchPath is a PATCH path resolved against the model:
// attr[filter].sub, in a resource's core schema or one of its extensions.
type patchPath struct {
	container string // "" or the extension's URN
	attr      schema.CoreAttribute
	filter    filter.Expression // nil without [...]
	sub       *schema.CoreAttribute
}

// parsePatchPath parses raw with scim2/filter-parser's ParsePath and
// validates it against res (a resource with its common attributes) and its
// extensions with elimity's PathValidator. ParsePath's value-path grammar
// takes at most two terms and no parentheses, so a value filter it refuses
// (members[value eq "a" or value eq "b" or value eq "c"], the flat chains
// IdPs send to remove several members) is read with the filter grammar,
// which has neither limit, and validated the same way. Mutability is
// checked by the caller, which knows the operation.
func parsePatchPath(raw string, res schema.Schema, exts ...schema.Schema) (patchPath, error) {
	key := res.ID + " " + raw
	if pp, ok := paths.get(key); ok {
		return pp, nil
	}
	pp, err := parseNewPath(raw, res, exts)
	if err == nil {
		paths.put(key, pp)
	}
	return pp, err
}

func parseNewPath(raw string, res schema.Schema, exts []schema.Schema) (patchPath, error) {
	if len(raw) > maxPathBytes {
		return patchPath{}, badRequest(typeInvalidPath, "path is too long")
	}
	raw = canonicalURN(raw, res, exts)
	var p filter.Path
	v, err := efilter.NewPathValidator(raw, res, exts...)
	if err != nil {
		if p, err = parseChainedPath(raw, res, exts); err != nil {
			return patchPath{}, err
		}
	} else {
		if err := v.Validate(); err != nil {
			return patchPath{}, unknownPath(raw)
		}
		p = v.Path()
	}
	return resolvePath(p, res, exts)
}

func unknownPath(raw string) error {
	return badRequest(typeInvalidPath, "path names no attribute of the schema: "+quoteShort(raw))
}

// parseChainedPath reads attr[filter].sub where the filter is any SCIM
// filter. The attribute path holds no '[' and a sub-attribute name no ']',
// so the first '[' and the last ']' delimit the filter whatever it quotes.
func parseChainedPath(raw string, res schema.Schema, exts []schema.Schema) (filter.Path, error) {
	bad := badRequest(typeInvalidPath, "path is not a valid attribute path: "+quoteShort(raw))
	open, end := strings.IndexByte(raw, '['), strings.LastIndexByte(raw, ']')
	if open <= 0 || end < open {
		return filter.Path{}, bad
	}
	tail := raw[end+1:]
	if tail != "" && !strings.HasPrefix(tail, ".") {
		return filter.Path{}, bad
	}
	head, err := filter.ParsePath([]byte(raw[:open]))
	if err != nil || head.AttributePath.SubAttribute != nil {
		return filter.Path{}, bad
	}
	expr, err := filter.ParseFilter([]byte(raw[open+1 : end]))
	if err != nil {
		return filter.Path{}, bad
	}
	if v, err := efilter.NewPathValidator(raw[:open]+tail, res, exts...); err != nil || v.Validate() != nil {
		return filter.Path{}, unknownPath(raw)
	}
	p := filter.Path{AttributePath: head.AttributePath, ValueExpression: expr}
	if tail != "" {
		sub := tail[1:]
		p.SubAttribute = &sub
	}
	return p, nil
}

// canonicalURN rewrites a schema URN prefix to the schema's own spelling:
// the validator compares URNs exactly, clients do not always.
func canonicalURN(raw string, res schema.Schema, exts []schema.Schema) string {
	for _, s := range append([]schema.Schema{res}, exts...) {
		if urnPrefixed(raw, s.ID) {
			return s.ID + raw[len(s.ID):]
		}
	}
	return raw
}

// quoteShort quotes at most 64 bytes of a client's text for an error detail.
func quoteShort(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
