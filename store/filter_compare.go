package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

func (b *sqlBuilder) present(c column) string {
	switch c.kind {
	case kindBool, kindTime:
		return c.expr + " IS NOT NULL"
	}
	return "(" + c.expr + " IS NOT NULL AND " + c.expr + " <> '')"
}

// argLower is arg lowered by the database, for case-insensitive columns.
func (b *sqlBuilder) argLower(v any) string { return "lower(" + b.arg(v) + ")" }

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
	expr, arg := c.expr, b.arg
	if c.kind == kindText {
		// The database lowers both sides, so that they agree with each
		// other and with the lower(...) indexes (SQLite's lower() only
		// folds ASCII; Go's would fold more and then match nothing).
		expr, arg = "lower("+c.expr+")", b.argLower
	}
	switch op {
	case "eq":
		return expr + " = " + arg(s), nil
	case "ne":
		// An absent (NULL) attribute is "not equal" too.
		return "(" + expr + " IS NULL OR " + expr + " <> " + arg(s) + ")", nil
	case "co", "sw", "ew":
		return b.like(c, expr, op, s, arg), nil
	}
	if sqlOp, ok := orderOps[op]; ok {
		return expr + " " + sqlOp + " " + arg(s), nil
	}
	return "", filterErr(attr, "unknown operator "+op)
}

var orderOps = map[string]string{"eq": "=", "ne": "<>", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}

// like builds co/sw/ew. Case-insensitive columns are lower()ed on both
// sides already; case-exact ones on SQLite use GLOB, because SQLite's LIKE
// ignores ASCII case.
func (b *sqlBuilder) like(c column, expr, op, s string, arg func(any) string) string {
	if c.kind == kindExactText && b.dialect == SQLite {
		return expr + " GLOB " + b.arg(wildcards(op, globEscape(s), "*"))
	}
	return expr + ` LIKE ` + arg(wildcards(op, likeEscape(s), "%")) + ` ESCAPE '\'`
}

// wildcards puts the pattern's wildcard where op wants it: around p for co,
// after it for sw, before it for ew.
func wildcards(op, p, wildcard string) string {
	switch op {
	case "co":
		return wildcard + p + wildcard
	case "sw":
		return p + wildcard
	case "ew":
		return wildcard + p
	}
	return p
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
