package scim

import (
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/store"
)

var compareOps = map[string]bool{"eq": true, "ne": true, "co": true, "sw": true, "ew": true,
	"gt": true, "ge": true, "lt": true, "le": true}

// attrExp parses "attr pr", "attr op value", "attr[filter]" and Entra's
// "attr[filter].sub op value".
func (p *parser) attrExp(depth int, inPath bool) (store.Filter, error) {
	t := p.next()
	if t.kind != tokWord || !validAttrPath(t.text) {
		return nil, syntaxErr("expected an attribute name")
	}
	name := t.text
	if p.peek().kind == tokLBracket {
		if inPath {
			return nil, syntaxErr("value paths do not nest")
		}
		p.next()
		inner, err := p.or(depth+1, true)
		if err != nil {
			return nil, err
		}
		if p.next().kind != tokRBracket {
			return nil, syntaxErr("missing ]")
		}
		vp := store.ValuePath{Attr: name, Filter: inner}
		if n := p.peek(); n.kind == tokWord && strings.HasPrefix(n.text, ".") {
			p.next()
			sub := strings.TrimPrefix(n.text, ".")
			if !validAttrPath(sub) {
				return nil, syntaxErr("expected a sub-attribute after ]")
			}
			f, err := p.comparison(sub)
			if err != nil {
				return nil, err
			}
			vp.Filter = store.And{Left: inner, Right: f}
		}
		return vp, nil
	}
	return p.comparison(name)
}

func (p *parser) comparison(name string) (store.Filter, error) {
	if p.terms++; p.terms > maxFilterTerms {
		return nil, syntaxErr("more than " + strconv.Itoa(maxFilterTerms) + " comparisons")
	}
	op := p.next()
	if op.kind != tokWord {
		return nil, syntaxErr("expected an operator after " + name)
	}
	o := strings.ToLower(op.text)
	if o == "pr" {
		return store.Present{Attr: name}, nil
	}
	if !compareOps[o] {
		return nil, syntaxErr("unknown operator " + strconv.Quote(op.text))
	}
	v := p.next()
	switch v.kind {
	case tokString:
		return store.Compare{Attr: name, Op: o, Value: v.text}, nil
	case tokWord:
		return store.Compare{Attr: name, Op: o, Value: literal(v.text)}, nil
	}
	return nil, syntaxErr("expected a value after " + o)
}

// literal reads an unquoted value: true, false, null, a number, or else
// (leniently) a bare string.
func literal(s string) any {
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXnN") {
		return f
	}
	return s
}

// validAttrPath accepts ATTRNAME characters, URN colons and dots.
func validAttrPath(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '$' || c == ':' || c == '.') {
			return false
		}
	}
	return true
}
