package scim

import (
	"strings"

	"github.com/provisiond/provisiond/store"
)

// maxFilterLen, maxFilterTerms and maxFilterDepth bound what a client can
// make us parse and the database evaluate. A flat chain ("a or b or c ...",
// an IdP looking up a page of users by id) is long but not deep: its terms
// count against maxFilterTerms, and only parentheses, not() and value paths
// count against maxFilterDepth.
const (
	maxFilterLen   = 64 << 10
	maxFilterTerms = 1000
	maxFilterDepth = 32
)

// parseFilter parses a SCIM filter (RFC 7644 §3.4.2.2) into store.Filter.
// Besides the RFC it accepts Entra's "emails[type eq "work"].value eq "x""
// (as emails[type eq "work" and value eq "x"]) and unquoted string values.
// Attribute names are checked by store when it translates the filter.
func parseFilter(s string) (store.Filter, error) {
	if len(s) > maxFilterLen {
		return nil, badRequest(typeInvalidFilter, "filter is too long")
	}
	if strings.ContainsRune(s, 0) {
		return nil, badRequest(typeInvalidFilter, "filter contains a NUL character")
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	f, err := p.or(0, false)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tokEOF {
		return nil, badRequest(typeInvalidFilter, "unexpected text after the filter")
	}
	return f, nil
}

type parser struct {
	toks  []token
	pos   int
	terms int // comparisons read so far
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) keyword(w string) bool {
	t := p.peek()
	if t.kind == tokWord && strings.EqualFold(t.text, w) {
		p.pos++
		return true
	}
	return false
}

func syntaxErr(msg string) error { return badRequest(typeInvalidFilter, "invalid filter: "+msg) }

func (p *parser) or(depth int, inPath bool) (store.Filter, error) {
	if depth > maxFilterDepth {
		return nil, syntaxErr("nested too deeply")
	}
	left, err := p.and(depth+1, inPath)
	if err != nil {
		return nil, err
	}
	for p.keyword("or") {
		right, err := p.and(depth+1, inPath)
		if err != nil {
			return nil, err
		}
		left = store.Or{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) and(depth int, inPath bool) (store.Filter, error) {
	left, err := p.unary(depth+1, inPath)
	if err != nil {
		return nil, err
	}
	for p.keyword("and") {
		right, err := p.unary(depth+1, inPath)
		if err != nil {
			return nil, err
		}
		left = store.And{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) unary(depth int, inPath bool) (store.Filter, error) {
	if depth > maxFilterDepth {
		return nil, syntaxErr("nested too deeply")
	}
	if p.keyword("not") {
		inner, err := p.unary(depth+1, inPath)
		if err != nil {
			return nil, err
		}
		return store.Not{Inner: inner}, nil
	}
	if p.peek().kind == tokLParen {
		p.next()
		f, err := p.or(depth+1, inPath)
		if err != nil {
			return nil, err
		}
		if p.next().kind != tokRParen {
			return nil, syntaxErr("missing )")
		}
		return f, nil
	}
	return p.attrExp(depth, inPath)
}
