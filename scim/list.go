package scim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// Page sizes: defaultCount when the client gives none, maxCount at most
// (advertised as filter.maxResults).
const (
	defaultCount = 100
	maxCount     = 1000
)

// listParams are a list request's parameters, from the query or a
// POST .search body. Groups handlers use the same.
type listParams struct {
	filter     store.Filter
	startIndex int // 1-based
	count      int
	sortBy     string
	desc       bool
	proj       projection
	// cursor is nil for index paging (RFC 7644, the default); otherwise
	// cursor paging (RFC 9865, cursor_list.go): "" asks for the first page,
	// anything else is a nextCursor.
	cursor     *string
	filterText string // the filter as sent, trimmed: a cursor is bound to it
}

// listParamsFromQuery reads filter, startIndex, count, sortBy, sortOrder,
// attributes and excludedAttributes.
func listParamsFromQuery(r *http.Request) (listParams, error) {
	q := r.URL.Query()
	var cursor *string
	if q.Has("cursor") { // "?cursor" alone starts cursor paging
		c := q.Get("cursor")
		cursor = &c
	}
	return makeListParams(q.Get("filter"), q.Get("startIndex"), q.Get("count"), q.Get("sortBy"),
		q.Get("sortOrder"), q.Get("attributes"), q.Get("excludedAttributes"), cursor)
}

// searchRequest is the body of POST .search (RFC 7644 §3.4.3).
type searchRequest struct {
	Attributes         []string    `json:"attributes"`
	ExcludedAttributes []string    `json:"excludedAttributes"`
	Filter             string      `json:"filter"`
	SortBy             string      `json:"sortBy"`
	SortOrder          string      `json:"sortOrder"`
	StartIndex         json.Number `json:"startIndex"`
	Count              json.Number `json:"count"`
	Cursor             *string     `json:"cursor"` // RFC 9865 §3
}

func listParamsFromSearch(r *http.Request) (listParams, error) {
	var sr searchRequest
	if err := decodeJSON(r, &sr); err != nil {
		return listParams{}, err
	}
	return makeListParams(sr.Filter, sr.StartIndex.String(), sr.Count.String(), sr.SortBy, sr.SortOrder,
		strings.Join(sr.Attributes, ","), strings.Join(sr.ExcludedAttributes, ","), sr.Cursor)
}

func makeListParams(filter, start, count, sortBy, sortOrder, attrs, excluded string, cursor *string) (listParams, error) {
	p := listParams{startIndex: 1, count: defaultCount, sortBy: sortBy, proj: parseProjection(attrs, excluded),
		cursor: cursor, filterText: strings.TrimSpace(filter)}
	if err := checkCursorParams(p, start, count); err != nil {
		return p, err
	}
	if strings.TrimSpace(filter) != "" {
		f, err := parseFilter(filter)
		if err != nil {
			return p, err
		}
		p.filter = f
	}
	// RFC 7644 §3.4.2.4: values below 1 (start) or 0 (count) are taken as 1 and 0.
	if start != "" {
		n, err := strconv.Atoi(start)
		if err != nil {
			return p, badRequest(typeInvalidValue, "startIndex must be an integer")
		}
		p.startIndex = max(n, 1)
	}
	if count != "" {
		n, err := strconv.Atoi(count)
		if err != nil {
			return p, badRequest(typeInvalidValue, "count must be an integer")
		}
		p.count = min(max(n, 0), maxCount)
	}
	switch strings.ToLower(sortOrder) {
	case "", "ascending":
	case "descending":
		p.desc = true
	default:
		return p, badRequest(typeInvalidValue, `sortOrder must be "ascending" or "descending"`)
	}
	return p, nil
}

// answerList serves a list or .search request: read takes its parameters
// from the query or the body, answer writes the ListResponse, and fail
// answers parameters read refuses.
func (s *Server) answerList(w http.ResponseWriter, r *http.Request,
	read func(*http.Request) (listParams, error),
	fail func(http.ResponseWriter, *http.Request, error),
	answer func(http.ResponseWriter, *http.Request, listParams)) {
	p, err := read(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	answer(w, r, p)
}
