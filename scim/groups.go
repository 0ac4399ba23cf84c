package scim

// Groups (groups*.go). Routes, mounted by routes() through groupsMounter:
//
//	GET    /scim/v2/Groups            list: filter, startIndex, count, attributes, excludedAttributes
//	POST   /scim/v2/Groups/.search    the same list, parameters in the body
//	POST   /scim/v2/Groups            create -> account.Service.CreateGroup (201, absolute Location)
//	GET    /scim/v2/Groups/{id}       members streamed from a cursor into the response
//	PUT    /scim/v2/Groups/{id}       replace -> account.Service.EditGroup (200)
//	PATCH  /scim/v2/Groups/{id}       -> account.Service.EditGroup, one transaction (204)
//	DELETE /scim/v2/Groups/{id}       -> account.Service.DeleteGroup (204; accounts stay)
//
// Decisions, with their reasons:
//   - A group belongs to the integration that created it; another
//     integration's group is 404. displayName is unique case-insensitively
//     per integration (409 uniqueness). externalId is not unique: it is the
//     client's label (RFC 7643 does not make it unique, and Microsoft's
//     collection creates several groups with the literal "${__UUID}").
//     "externalId eq" searches within the integration, by index.
//   - A member id that is not a live account of the calling integration is
//     skipped, not refused: Microsoft's collection PATCHes "string id 1"
//     into a group and expects 204, and Entra retries a refused PATCH
//     forever. The audit event counts what was really added and removed.
//     Removing a non-member is a no-op. Nested groups are not supported (a
//     group id as member is skipped the same way).
//   - members[].display is kept as the client sent it (Entra sends
//     "displayName") and returned as is; without one, the account's
//     displayName (else userName) is shown.
//   - PATCH answers 204 with the new ETag (docs/conformance.md); every PATCH
//     form Entra and Okta send is accepted: see groups_patch.go.
//   - PUT replaces displayName and externalId; members are replaced when the
//     body has "members" ("members": [] empties the group) and left alone
//     when it has none, so that a rename never empties a 100,000-member group.
//   - excludedAttributes=members (or attributes without members) never
//     reads group_members; with members, rows stream from the database
//     cursor to the client (EachGroupMember), never held in memory. A
//     database error mid-stream aborts the connection, so a client never
//     takes a truncated member list for a complete one.

import "net/http"

// mountGroups adds the Groups routes to the SCIM mux.
func (s *Server) mountGroups(mux *http.ServeMux) {
	p := Prefix + "/Groups"
	mux.HandleFunc("GET "+p, s.listGroups)
	mux.HandleFunc("GET "+p+"/{$}", s.listGroups)
	mux.HandleFunc("POST "+p+"/.search", s.searchGroups)
	mux.HandleFunc("POST "+p, s.createGroup)
	mux.HandleFunc("GET "+p+"/{id}", s.getGroup)
	mux.HandleFunc("PUT "+p+"/{id}", s.replaceGroup)
	mux.HandleFunc("PATCH "+p+"/{id}", s.patchGroup)
	mux.HandleFunc("DELETE "+p+"/{id}", s.deleteGroup)
}
