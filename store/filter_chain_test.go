package store_test

import (
	"fmt"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// Chain reads a chain of one operator in order, whatever the tree's shape,
// and stops at another operator.
func TestFilterChain(t *testing.T) {
	c := func(v string) store.Filter { return store.Compare{Attr: "userName", Op: "eq", Value: v} }
	and := store.And{Left: c("x"), Right: c("y")}
	f := store.Or{Left: store.Or{Left: c("a"), Right: and}, Right: store.Or{Left: c("b"), Right: store.Or{Left: c("c"), Right: c("d")}}}
	op, terms := store.Chain(f)
	if op != "OR" || fmt.Sprint(terms) != fmt.Sprint([]store.Filter{c("a"), and, c("b"), c("c"), c("d")}) {
		t.Fatalf("Chain = %s %v", op, terms)
	}
	if op, terms := store.Chain(c("a")); op != "" || len(terms) != 1 {
		t.Fatalf("Chain of a leaf = %s %v", op, terms)
	}
}
