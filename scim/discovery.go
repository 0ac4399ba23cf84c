package scim

import (
	"net/http"
	"strings"

	"github.com/elimity-com/scim/schema"
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
		// RFC 9865 §4: both methods on /Users and /Groups; index is the
		// default, as before cursors existed.
		"pagination": map[string]any{"cursor": true, "index": true, "defaultPaginationMethod": "index",
			"defaultPageSize": defaultCount, "maxPageSize": maxCount, "cursorTimeout": int(cursorTimeout.Seconds())},
		"changePassword":        map[string]any{"supported": false},
		"sort":                  map[string]any{"supported": true},
		"etag":                  map[string]any{"supported": true},
		"authenticationSchemes": s.authSchemes(),
		"meta":                  map[string]any{"resourceType": "ServiceProviderConfig", "location": s.baseURL + "/ServiceProviderConfig"},
	})
}

// resourceTypeDocs are the ResourceType documents (RFC 7643 §6), built
// from the schemas they name.
func (s *Server) resourceTypeDocs() []map[string]any {
	doc := func(id, endpoint string, sch schema.Schema, exts ...schema.Schema) map[string]any {
		d := map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"},
			"id": id, "name": id, "endpoint": endpoint, "description": sch.Description.Value(), "schema": sch.ID,
			"meta": map[string]any{"resourceType": "ResourceType", "location": s.baseURL + "/ResourceTypes/" + id}}
		if len(exts) > 0 {
			list := make([]map[string]any, len(exts))
			for i, e := range exts {
				list[i] = map[string]any{"schema": e.ID, "required": false}
			}
			d["schemaExtensions"] = list
		}
		return d
	}
	return []map[string]any{doc("User", "/Users", userSchema, userExtensions...), doc("Group", "/Groups", groupSchema)}
}

func (s *Server) resourceTypes(w http.ResponseWriter, r *http.Request) {
	docs := s.resourceTypeDocs()
	writeJSON(w, http.StatusOK, listBody(toAny(docs), int64(len(docs)), 1))
}

func (s *Server) resourceType(w http.ResponseWriter, r *http.Request) {
	writeDocByID(w, r, s.resourceTypeDocs())
}

// schemaDocs are the model's schemas as the library renders them (RFC 7643
// §7: every attribute with its characteristics, canonicalValues and, for
// references, referenceTypes), with their meta.
func (s *Server) schemaDocs() []map[string]any {
	out := make([]map[string]any, 0, 3)
	for _, sch := range []schema.Schema{userSchema, enterpriseSchema, groupSchema} {
		d := sch.ToMap()
		d["meta"] = map[string]any{"resourceType": "Schema", "location": s.baseURL + "/Schemas/" + sch.ID}
		out = append(out, d)
	}
	return out
}

func (s *Server) schemas(w http.ResponseWriter, r *http.Request) {
	docs := s.schemaDocs()
	writeJSON(w, http.StatusOK, listBody(toAny(docs), int64(len(docs)), 1))
}

func (s *Server) schema(w http.ResponseWriter, r *http.Request) {
	writeDocByID(w, r, s.schemaDocs())
}

// writeDocByID answers the one of docs whose id is the path's {id}
// (compared case-insensitively), or 404.
func writeDocByID(w http.ResponseWriter, r *http.Request, docs []map[string]any) {
	for _, d := range docs {
		if strings.EqualFold(d["id"].(string), r.PathValue("id")) {
			writeJSON(w, http.StatusOK, d)
			return
		}
	}
	writeError(w, http.StatusNotFound, "", detailNotFound)
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
