package store

// Chain returns the operands of f read as a flat chain of one operator:
// "a or b or c" parses as Or{Or{a, b}, c} and comes back as ("OR", [a b c]),
// in order, whatever the tree's shape. A filter that is not an And or an Or
// is a chain of one (op ""). Walking the chain takes no recursion, so a flat
// chain of any length is one level of nesting, not one per term; only
// parentheses and not() nest (maxFilterDepth).
func Chain(f Filter) (op string, terms []Filter) {
	switch f.(type) {
	case And:
		op = "AND"
	case Or:
		op = "OR"
	default:
		return "", []Filter{f}
	}
	stack := []Filter{f}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x := n.(type) {
		case And:
			if op == "AND" {
				stack = append(stack, x.Right, x.Left)
				continue
			}
		case Or:
			if op == "OR" {
				stack = append(stack, x.Right, x.Left)
				continue
			}
		}
		terms = append(terms, n)
	}
	return op, terms
}

// joinBalanced joins SQL conditions with op as a balanced tree of
// parentheses, so that a 1,000-term chain is about ten levels deep for the
// database's parser (SQLite refuses expressions deeper than 1,000).
func joinBalanced(parts []string, op string) string {
	if len(parts) == 1 {
		return "(" + parts[0] + ")"
	}
	mid := len(parts) / 2
	return "(" + joinBalanced(parts[:mid], op) + " " + op + " " + joinBalanced(parts[mid:], op) + ")"
}
