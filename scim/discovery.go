package scim

import (
	"net/http"
	"strings"
)

// serviceProviderConfig is served by us, truthfully (the library's
// hard-codes etag and sort as unsupported).
func (s *Server) serviceProviderConfig(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"schemas":          []string{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"},
		"documentationUri": "https://github.com/provisiond/provisiond",
		"patch":            map[string]any{"supported": true},
		"bulk":             map[string]any{"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
		"filter":           map[string]any{"supported": true, "maxResults": maxCount},
		"changePassword":   map[string]any{"supported": false},
		"sort":             map[string]any{"supported": true},
		"etag":             map[string]any{"supported": true},
		"authenticationSchemes": []map[string]any{{
			"type": "oauthbearertoken", "name": "OAuth Bearer Token", "primary": true,
			"description": "The integration's bearer token, or a JWT from its configured OIDC issuer.",
		}},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": s.baseURL + "/ServiceProviderConfig"},
	})
}

func (s *Server) resourceTypeDocs() []map[string]any {
	return []map[string]any{
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "User", "name": "User",
			"endpoint": "/Users", "description": "User Account", "schema": UserURN,
			"schemaExtensions": []map[string]any{{"schema": EnterpriseURN, "required": false}},
			"meta":             map[string]any{"resourceType": "ResourceType", "location": s.baseURL + "/ResourceTypes/User"}},
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "Group", "name": "Group",
			"endpoint": "/Groups", "description": "Group", "schema": GroupURN,
			"meta": map[string]any{"resourceType": "ResourceType", "location": s.baseURL + "/ResourceTypes/Group"}},
	}
}

func (s *Server) resourceTypes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listBody(toAny(s.resourceTypeDocs()), 2, 1))
}

func (s *Server) resourceType(w http.ResponseWriter, r *http.Request) {
	for _, d := range s.resourceTypeDocs() {
		if strings.EqualFold(d["id"].(string), r.PathValue("id")) {
			writeJSON(w, http.StatusOK, d)
			return
		}
	}
	writeError(w, http.StatusNotFound, "", detailNotFound)
}

func (s *Server) schemaDocs() []map[string]any {
	doc := func(id, name, desc string, attrs []attr) map[string]any {
		return map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Schema"},
			"id": id, "name": name, "description": desc, "attributes": renderAttrs(attrs),
			"meta": map[string]any{"resourceType": "Schema", "location": s.baseURL + "/Schemas/" + id}}
	}
	return []map[string]any{
		doc(UserURN, "User", "User Account", userAttrs),
		doc(EnterpriseURN, "EnterpriseUser", "Enterprise User", enterpriseAttrs),
		doc(GroupURN, "Group", "Group", groupAttrs),
	}
}

func (s *Server) schemas(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listBody(toAny(s.schemaDocs()), 3, 1))
}

func (s *Server) schema(w http.ResponseWriter, r *http.Request) {
	for _, d := range s.schemaDocs() {
		if strings.EqualFold(d["id"].(string), r.PathValue("id")) {
			writeJSON(w, http.StatusOK, d)
			return
		}
	}
	writeError(w, http.StatusNotFound, "", detailNotFound)
}

func renderAttrs(attrs []attr) []map[string]any {
	out := make([]map[string]any, 0, len(attrs))
	for _, a := range attrs {
		m := map[string]any{"name": a.Name, "type": a.Type, "multiValued": a.Multi, "description": a.Description,
			"required": a.Required, "caseExact": a.CaseExact, "mutability": or(a.Mutability, "readWrite"),
			"returned": or(a.Returned, "default"), "uniqueness": or(a.Uniqueness, "none")}
		if a.Sub != nil {
			m["subAttributes"] = renderAttrs(a.Sub)
		}
		out = append(out, m)
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// listBody is a ListResponse; itemsPerPage is the number returned.
func listBody(resources []any, total int64, startIndex int) map[string]any {
	if resources == nil {
		resources = []any{}
	}
	return map[string]any{"schemas": []string{listURN}, "totalResults": total,
		"itemsPerPage": len(resources), "startIndex": startIndex, "Resources": resources}
}
