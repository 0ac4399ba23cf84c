// Package scim is provisiond's SCIM 2.0 surface (RFC 7643/7644) for identity
// providers (Entra ID, Okta, ...). It owns authentication of integrations
// (bearer token looked up by SHA-256, an access token of our own provider's
// client credentials grant checked by Options.OAuth and the integration
// re-read on every request (oauth.go), or a JWT verified with go-oidc), the
// per-integration rate limit, body limits, discovery documents, the mapping
// between SCIM resources and store.Account, SCIM filter parsing into
// store.Filter, PATCH application and the IdP quirks.
//
// The SCIM model is github.com/elimity-com/scim's schema package
// (schema.go): CoreUserSchema, ExtensionEnterpriseUser and CoreGroupSchema,
// plus its common attributes (id, externalId, meta). /Schemas and
// /ResourceTypes render it as the library does (every reference with its
// referenceTypes, canonicalValues published); attribute lookups
// (case-insensitive names, sub-attributes, mutability, returned, caseExact,
// multiValued), value coercion and PATCH paths all read it. PATCH paths
// are parsed with scim2/filter-parser's ParsePath (a value filter of more
// than two terms, or with parentheses, which its path grammar refuses, with
// its filter grammar) and validated with the library's PathValidator and
// FilterValidator (patch_path.go, patch_resolve.go). The library's Server
// is not used, nor its process-global SetAllowStringValues.
//
// Our own additions to the model, for what IdPs send (each replayed by a
// test): Entra's string booleans ("True"); a plain value for a complex
// attribute read as its "value" (Entra's manager); numbers where strings
// belong kept as their text; a lone value where a list belongs read as a
// one-element list; dotted ("name.givenName") and URN-prefixed keys in
// bodies and no-path PATCH values; an enterprise attribute named without
// its URN in a path; add or replace on emails[type eq "work"].value
// creating the element the filter describes when none matches (Entra),
// also as a key of a no-path value (Entra with aadOptscim062020); the
// draft-era URNs urn:scim:schemas:core:2.0 and
// urn:scim:schemas:extension:enterprise:2.0 read as RFC 7643's (OneLogin);
// the Group member list streamed from a database cursor (groups_write.go)
// rather than marshalled whole.
//
// PATCH (RFC 7644 §3.5.2; patch*.go, users_patch.go). The operations are
// applied in memory to the user as read, outside the write transaction;
// the result is written in a short transaction only if the account has not
// been written since (version and active as read), else the PATCH starts
// again from the new state; its third attempt applies the operations inside
// the transaction, so every PATCH ends. If-Match is checked against what
// was read and is 412 when it no longer matches, never retried. A 204 or
// 200 means every operation is stored, with one documented exception:
// password (writeOnly) is accepted, type-checked and dropped, never stored
// nor returned (changePassword is unsupported; a person sets their password
// by claiming the account). Otherwise an operation that cannot be stored is
// refused: remove (or null) of userName, which is required, or of active,
// whose unassigned value would read as active (replace it with false
// instead), is 400 invalidValue; read-only and immutable attributes (id,
// meta, schemas, groups, manager.displayName) are 400 mutability; an
// unknown attribute in a path or a no-path value is 400 invalidPath; a null
// value unassigns its attribute; remove of the enterprise URN drops every
// attribute of the extension. In POST and PUT bodies unknown and read-only
// attributes are ignored (RFC 7644 §3.3, §3.5.1); an absent active means
// active on POST, as IdPs assume, and keeps the current value on PUT, so a
// PUT never reactivates an account without saying active=true.
//
// Bounds on one request: the body (Options.MaxBodyBytes, 1 MiB by
// default); 1,000 operations per PATCH, of a User or a Group (413
// tooMany); 100 values per multi-valued attribute of a User (limits.go,
// 400 invalidValue; a PATCH may not grow an attribute past it, but may
// patch and shrink an account that has more); a PATCH path of 16 KiB.
// Each operation costs time in proportion to its value and the attribute
// it changes, so a PATCH costs time in proportion to its size.
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
//	                                       attributes, excludedAttributes; or cursor (RFC 9865)
//	POST   /scim/v2/Users/.search          the same list, parameters in the body
//	POST   /scim/v2/Users                  create -> account.Service.Create
//	GET    /scim/v2/Users/{id}
//	PUT    /scim/v2/Users/{id}             replace -> account.Service.Update
//	PATCH  /scim/v2/Users/{id}             patch, applied in memory -> account.Service.Update
//	                                       (204, or 200 with ?attributes)
//	DELETE /scim/v2/Users/{id}             -> account.Service.Delete (204; record kept as deleted)
//	*      /scim/v2/Groups...              groups*.go (mounted through mountGroups when present)
//
// POST /Users uses group commit (create_batch.go): creates that arrive
// while earlier ones are being written are written together by
// account.Service.CreateMany, one transaction and a few multi-row
// statements per batch (one statement on PostgreSQL); a create the
// database refuses (409) is retried alone and fails alone. One batch at a
// time runs its statements; on PostgreSQL the next one starts them while
// the batch before commits (account.Service.CreateManyThen).
//
// Paging (list.go, cursor*.go): by index (startIndex, the default) or,
// on /Users and /Groups, by cursor (RFC 9865): a cursor is the keyset
// position (created_at, id) of a page's last resource, HMAC-signed with
// the secret key over the integration, endpoint, filter and order, and
// never stored; the integration always comes from authentication, and a
// cursor of another scope is refused like a forged one (400
// invalidCursor). sortBy with a cursor is refused (docs/scim-paging.md).
//
// Users carry their groups (read-only, one query per page, skipped when
// excluded).
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
// (its request handling assumes its own storage), so owning ~10 small handlers is simpler and testable.
//
// scim must not speak SQL (store does) nor write accounts but through
// account.Service.
package scim
