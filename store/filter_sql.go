package store

import (
	"fmt"
	"strings"
)

// maxFilterDepth bounds recursion so a hostile filter cannot exhaust the stack.
const maxFilterDepth = 64

// sqlBuilder translates a Filter into a WHERE fragment with ? placeholders.
type sqlBuilder struct {
	dialect Dialect
	args    []any
}

func (b *sqlBuilder) where(f Filter, depth int) (string, error) {
	if depth > maxFilterDepth {
		return "", filterErr("", "nested too deeply")
	}
	switch f := f.(type) {
	case And, Or:
		return b.chain(f, depth, b.where)
	case Not:
		s, err := b.where(f.Inner, depth+1)
		if err != nil {
			return "", err
		}
		return "NOT (" + s + ")", nil
	case Present:
		return b.leaf(f.Attr, func(c column) (string, error) { return b.present(c), nil })
	case Compare:
		return b.leaf(f.Attr, func(c column) (string, error) { return b.compare(c, f.Attr, f.Op, f.Value) })
	case ValuePath:
		a := canonicalAttr(f.Attr)
		if a != "emails" {
			return "", filterErr(f.Attr, reasonUnknown)
		}
		inner, err := b.emailWhere(f.Filter, depth+1)
		if err != nil {
			return "", err
		}
		return emailsIn("(" + inner + ")"), nil
	case constant:
		return f.sql(), nil
	case nil:
		return "1=1", nil
	}
	return "", filterErr("", fmt.Sprintf("unsupported expression %T", f))
}

// chain translates a flat chain of and/or (Chain) one level deeper, each
// term through term.
func (b *sqlBuilder) chain(f Filter, depth int, term func(Filter, int) (string, error)) (string, error) {
	op, terms := Chain(f)
	parts := make([]string, len(terms))
	for i, t := range terms {
		s, err := term(t, depth+1)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return joinBalanced(parts, op), nil
}

// leaf resolves attr to a column of accounts, or to an EXISTS over emails.
func (b *sqlBuilder) leaf(attr string, fn func(column) (string, error)) (string, error) {
	a := canonicalAttr(attr)
	if sub, ok := isEmailsAttr(a); ok {
		c, ok := emailColumns[sub]
		if !ok {
			return "", filterErr(attr, reasonUnknown)
		}
		s, err := fn(c)
		if err != nil {
			return "", err
		}
		return emailsIn(s), nil
	}
	c, ok := accountColumns[a]
	if !ok {
		return "", filterErr(attr, reasonUnknown)
	}
	return fn(c)
}

// emailsIn selects accounts with an email matching cond. IN rather than a
// correlated EXISTS: both databases then drive the lookup from the
// account_emails index instead of probing it once per account.
func emailsIn(cond string) string {
	return "a.id IN (SELECT e.account_id FROM account_emails e WHERE " + cond + ")"
}

// emailWhere translates the filter inside emails[...]: sub-attributes only.
func (b *sqlBuilder) emailWhere(f Filter, depth int) (string, error) {
	if depth > maxFilterDepth {
		return "", filterErr("emails", "nested too deeply")
	}
	sub := func(attr string) (column, error) {
		a := strings.TrimPrefix(strings.ToLower(attr), "emails.")
		c, ok := emailColumns[a]
		if !ok {
			return column{}, filterErr("emails."+attr, reasonUnknown)
		}
		return c, nil
	}
	switch f := f.(type) {
	case And, Or:
		return b.chain(f, depth, b.emailWhere)
	case Not:
		s, err := b.emailWhere(f.Inner, depth+1)
		if err != nil {
			return "", err
		}
		return "NOT (" + s + ")", nil
	case Present:
		c, err := sub(f.Attr)
		if err != nil {
			return "", err
		}
		return b.present(c), nil
	case Compare:
		c, err := sub(f.Attr)
		if err != nil {
			return "", err
		}
		return b.compare(c, f.Attr, f.Op, f.Value)
	}
	return "", filterErr("emails", "unsupported expression inside a value path")
}
