package scim

import (
	"strconv"

	"github.com/provisiond/provisiond/store"
)

// checkCursorParams refuses what cursor paging cannot honour (RFC 9865):
// startIndex beside cursor (one method per request, §2.4), and sortBy:
// cursor pages follow creation order (created_at, id), which sortOrder
// may reverse, because a keyset on any other attribute would have to
// carry that attribute's value in the cursor. A count that is not an
// integer is invalidCount; one above maxCount is lowered, as in index
// paging (the server MAY return fewer, §2).
func checkCursorParams(p listParams, start, count string) error {
	if p.cursor == nil {
		return nil
	}
	if start != "" {
		return badRequest(typeInvalidValue, "startIndex and cursor cannot be used together: use one paging method")
	}
	if p.sortBy != "" {
		return badRequest(typeInvalidValue, "sortBy is not supported with cursor paging: cursor pages are in creation order (sortOrder=descending reverses it)")
	}
	if count != "" {
		if _, err := strconv.Atoi(count); err != nil {
			return badRequest(typeInvalidCount, "count must be an integer from 0 to "+strconv.Itoa(maxCount))
		}
	}
	if len(*p.cursor) > cursorMaxLen {
		return badRequest(typeInvalidCursor, detailInvalidCursor)
	}
	return nil
}

// pager is one list request's paging, index (RFC 7644) or cursor (RFC 9865).
type pager struct {
	cursor bool
	scope  cursorScope
	after  *store.Keyset // cursor paging: continue past it; nil on the first page
	offset int
	count  int
}

// pagerFor reads p's paging for the calling integration on endpoint; a
// cursor that is not one this server issued for the same integration,
// endpoint, filter and order is refused.
func (s *Server) pagerFor(p listParams, integration, endpoint string) (pager, error) {
	pg := pager{offset: p.startIndex - 1, count: p.count}
	if p.cursor == nil {
		return pg, nil
	}
	pg.cursor, pg.offset = true, 0
	pg.scope = cursorScope{integration: integration, endpoint: endpoint, filter: p.filterText, desc: p.desc}
	if *p.cursor == "" {
		return pg, nil
	}
	after, err := s.cursors.decode(pg.scope, *p.cursor)
	pg.after = after
	return pg, err
}

// limit is the number of rows to read: one more than a cursor page, to
// know whether another page follows (0 still reads only the total).
func (pg pager) limit() int {
	if pg.cursor && pg.count > 0 {
		return pg.count + 1
	}
	return pg.count
}

// pageOf trims rows read with limit to the page and returns the page and
// its nextCursor ("" on the last page, and always in index paging).
func pageOf[T any](s *Server, pg pager, rows []T, key func(*T) *store.Keyset) ([]T, string) {
	if !pg.cursor || len(rows) <= pg.count {
		return rows, ""
	}
	rows = rows[:pg.count]
	return rows, s.cursors.encode(pg.scope, key(&rows[len(rows)-1]))
}

// body is the ListResponse of resources: index paging reports startIndex,
// cursor paging nextCursor (absent on the last page) instead.
func (pg pager) body(resources []any, total int64, next string) map[string]any {
	b := listBody(resources, total, pg.offset+1)
	if pg.cursor {
		delete(b, "startIndex")
		if next != "" {
			b["nextCursor"] = next
		}
	}
	return b
}

// head is the start of a streamed ListResponse, up to "Resources":[.
func (pg pager) head(total int64, n int, next string) string {
	h := `{"schemas":["` + listURN + `"],"totalResults":` + strconv.FormatInt(total, 10)
	switch {
	case !pg.cursor:
		h += `,"startIndex":` + strconv.Itoa(pg.offset+1)
	case next != "":
		h += `,"nextCursor":"` + next + `"` // base64url: nothing to escape
	}
	return h + `,"itemsPerPage":` + strconv.Itoa(n) + `,"Resources":[`
}
