package store

import (
	"errors"
	"time"
)

// Keyset is a position in the creation order (created_at, id) that SCIM
// lists keep by default: a page read After it starts with the first row
// past it. Unlike an offset, the position does not move when rows before
// it are created or deleted, so a walk by keyset (SCIM cursor paging, RFC
// 9865) neither repeats nor skips a row that exists for the whole walk,
// and every page is an index range scan that costs the same at the end of
// the list as at its start.
type Keyset struct {
	CreatedAt time.Time
	ID        string
}

// KeysetOf is the position of a row created at created with id.
func KeysetOf(created time.Time, id string) *Keyset {
	return &Keyset{CreatedAt: created.UTC(), ID: id}
}

// keysetWhere is the condition that keeps the rows past k in the order
// (createdCol, idCol), ascending or (desc) descending; "" when k is nil.
// Row values compare as the ORDER BY sorts, on both dialects, and both
// use an index on (..., created_at, id) for them.
func keysetWhere(createdCol, idCol string, k *Keyset, desc bool) (string, []any) {
	if k == nil {
		return "", nil
	}
	op := " > "
	if desc {
		op = " < "
	}
	return "(" + createdCol + ", " + idCol + ")" + op + "(?, ?)", []any{k.CreatedAt.UTC(), k.ID}
}

// errKeysetOrder refuses a keyset page in another order than creation
// order, or with an offset: the position would mean nothing there.
var errKeysetOrder = errors.New("store: keyset paging is in creation order only, without offset")
