// Package scim is provisiond's SCIM 2.0 surface (RFC 7643/7644) for identity
// providers (Entra ID, Okta, ...). It owns authentication of integrations
// (bearer token looked up by SHA-256, or a JWT verified with go-oidc), the
// per-integration rate limit, body limits, discovery documents, the mapping
// between SCIM resources and store.Account, SCIM filter parsing into
// store.Filter, PATCH application and the IdP quirks (Entra's string
// booleans, manager as a plain string, dotted and URN keys without a path;
// Okta's no-path replace).
//
// Route map (full paths: the handler is mounted at /scim/v2/ unstripped):
//
//	GET    /scim/v2/ServiceProviderConfig  (also /serviceConfiguration, Microsoft's name)
//	GET    /scim/v2/ResourceTypes[/{id}]
//	GET    /scim/v2/Schemas[/{id}]
//	POST   /scim/v2/.search                Users and Groups together (search_root.go): one
//	                                       ListResponse, paged and sorted across both types
//	GET    /scim/v2/                       the same, parameters in the query
//	GET    /scim/v2/Users                  list: filter, startIndex, count, sortBy, sortOrder,
//	                                       attributes, excludedAttributes
//	POST   /scim/v2/Users/.search          the same list, parameters in the body
//	POST   /scim/v2/Users                  create -> account.Service.Create
//	GET    /scim/v2/Users/{id}
//	PUT    /scim/v2/Users/{id}             replace -> account.Service.Update
//	PATCH  /scim/v2/Users/{id}             patch   -> account.Service.Update (204, or 200 with ?attributes)
//	DELETE /scim/v2/Users/{id}             -> account.Service.Delete (204; record kept as deleted)
//	*      /scim/v2/Groups...              groups*.go (mounted through mountGroups when present)
//
// POST /Users uses group commit (create_batch.go): creates that arrive
// while earlier ones are being written are written together by
// account.Service.CreateMany, one transaction and a few multi-row
// statements per batch (one statement on PostgreSQL); a create the
// database refuses (409) is retried alone and fails alone.
//
// Users carry their groups (read-only, one query per page, skipped when
// excluded). password is accepted and dropped: it is never stored as sent
// nor returned (an argon2id hash could be kept later).
//
// Every request is scoped to the calling integration: it sees and changes
// only its own accounts, as it asked for them: a deactivation or deletion
// the breaker holds is shown as applied (store/source_view.go), under a new
// version. Filters become SQL in store; they are never evaluated in memory
// over a list. A flat chain of or/and counts as one level of nesting
// (up to 1,000 comparisons); parentheses and not() nest (filter.go). Errors are RFC 7644 §3.12 bodies; internal
// error text is logged with the request id and never sent.
//
// The handlers are our own rather than elimity-com/scim's server: that
// library's ServiceProviderConfig, count cap, filter parser and lack of
// ETag/If-Match/sorting/attribute projection would each need working around
// (see STACK.md), so owning ~10 small handlers is simpler and testable.
//
// scim must not speak SQL (store does) nor write accounts but through
// account.Service.
package scim
