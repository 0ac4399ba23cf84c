package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
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
	case And:
		return b.binary(f.Left, f.Right, "AND", depth)
	case Or:
		return b.binary(f.Left, f.Right, "OR", depth)
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
		return "EXISTS (SELECT 1 FROM account_emails e WHERE e.account_id = a.id AND (" + inner + "))", nil
	case nil:
		return "1=1", nil
	}
	return "", filterErr("", fmt.Sprintf("unsupported expression %T", f))
}

func (b *sqlBuilder) binary(l, r Filter, op string, depth int) (string, error) {
	ls, err := b.where(l, depth+1)
	if err != nil {
		return "", err
	}
	rs, err := b.where(r, depth+1)
	if err != nil {
		return "", err
	}
	return "(" + ls + ") " + op + " (" + rs + ")", nil
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
		return "EXISTS (SELECT 1 FROM account_emails e WHERE e.account_id = a.id AND " + s + ")", nil
	}
	c, ok := accountColumns[a]
	if !ok {
		return "", filterErr(attr, reasonUnknown)
	}
	return fn(c)
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
		var l, r Filter
		op := "AND"
		if x, ok := f.(And); ok {
			l, r = x.Left, x.Right
		} else {
			x := f.(Or)
			l, r, op = x.Left, x.Right, "OR"
		}
		ls, err := b.emailWhere(l, depth+1)
		if err != nil {
			return "", err
		}
		rs, err := b.emailWhere(r, depth+1)
		if err != nil {
			return "", err
		}
		return "(" + ls + ") " + op + " (" + rs + ")", nil
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

func (b *sqlBuilder) present(c column) string {
	switch c.kind {
	case kindBool, kindTime:
		return c.expr + " IS NOT NULL"
	}
	return "(" + c.expr + " IS NOT NULL AND " + c.expr + " <> '')"
}

func (b *sqlBuilder) arg(v any) string {
	b.args = append(b.args, v)
	return "?"
}

func (b *sqlBuilder) compare(c column, attr, op string, v any) (string, error) {
	op = strings.ToLower(op)
	if v == nil {
		switch op {
		case "eq":
			return "NOT " + b.present(c), nil
		case "ne":
			return b.present(c), nil
		}
		return "", filterErr(attr, "null compares only with eq or ne")
	}
	switch c.kind {
	case kindBool:
		bv, ok := v.(bool)
		if !ok {
			return "", filterErr(attr, "needs true or false")
		}
		switch op {
		case "eq":
			return c.expr + " = " + b.arg(bv), nil
		case "ne":
			return c.expr + " <> " + b.arg(bv), nil
		}
		return "", filterErr(attr, "operator "+op+" does not apply to a boolean")
	case kindTime:
		s, ok := v.(string)
		if !ok {
			return "", filterErr(attr, "needs a date-time string")
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return "", filterErr(attr, "needs an RFC 3339 date-time")
		}
		sqlOp, ok := orderOps[op]
		if !ok {
			return "", filterErr(attr, "operator "+op+" does not apply to a date-time")
		}
		return c.expr + " " + sqlOp + " " + b.arg(t.UTC().Truncate(time.Microsecond)), nil
	}
	s := valueString(v)
	expr := c.expr
	if c.kind == kindText {
		expr, s = "lower("+c.expr+")", strings.ToLower(s)
	}
	switch op {
	case "eq":
		return expr + " = " + b.arg(s), nil
	case "ne":
		// An absent (NULL) attribute is "not equal" too.
		return "(" + expr + " IS NULL OR " + expr + " <> " + b.arg(s) + ")", nil
	case "co", "sw", "ew":
		return b.like(c, expr, op, s), nil
	}
	if sqlOp, ok := orderOps[op]; ok {
		return expr + " " + sqlOp + " " + b.arg(s), nil
	}
	return "", filterErr(attr, "unknown operator "+op)
}

var orderOps = map[string]string{"eq": "=", "ne": "<>", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}

// like builds co/sw/ew. Case-insensitive columns are lower()ed on both
// sides already; case-exact ones on SQLite use GLOB, because SQLite's LIKE
// ignores ASCII case.
func (b *sqlBuilder) like(c column, expr, op, s string) string {
	if c.kind == kindExactText && b.dialect == SQLite {
		p := globEscape(s)
		switch op {
		case "co":
			p = "*" + p + "*"
		case "sw":
			p += "*"
		case "ew":
			p = "*" + p
		}
		return expr + " GLOB " + b.arg(p)
	}
	p := likeEscape(s)
	switch op {
	case "co":
		p = "%" + p + "%"
	case "sw":
		p += "%"
	case "ew":
		p = "%" + p
	}
	return expr + ` LIKE ` + b.arg(p) + ` ESCAPE '\'`
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func globEscape(s string) string {
	return strings.NewReplacer(`[`, `[[]`, `*`, `[*]`, `?`, `[?]`).Replace(s)
}

func valueString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}
