package scim

import (
	"encoding/json"
	"time"

	"github.com/provisiond/provisiond/store"
)

// userDoc renders an account as a SCIM User, with the groups it belongs to
// (read-only; nil when not asked for).
func (s *Server) userDoc(a *store.Account, groups []store.GroupRef) map[string]any {
	m := map[string]any{}
	if a.Attributes != "" {
		json.Unmarshal([]byte(a.Attributes), &m) // our own JSON; a bad row shows fewer extras
	}
	m["id"] = a.ID
	m["userName"] = a.UserName
	m["active"] = a.Active
	if a.ExternalID != nil {
		m["externalId"] = *a.ExternalID
	}
	for k, p := range stringCols(a) {
		setOrDelete(m, k, nonEmpty(*p))
	}
	name := map[string]any{}
	for k, p := range nameCols(a) {
		setOrDelete(name, k, nonEmpty(*p))
	}
	setOrDelete(m, "name", nilIfEmpty(name))
	if len(a.Emails) > 0 {
		list := make([]any, 0, len(a.Emails))
		for _, e := range a.Emails {
			em := map[string]any{"value": e.Value, "primary": e.IsPrimary}
			setOrDelete(em, "type", nonEmpty(e.Type))
			setOrDelete(em, "display", nonEmpty(e.Display))
			list = append(list, em)
		}
		m["emails"] = list
	}
	ext, _ := m[EnterpriseURN].(map[string]any)
	if ext == nil {
		ext = map[string]any{}
	}
	for k, p := range enterpriseCols(a) {
		setOrDelete(ext, k, nonEmpty(*p))
	}
	if a.ManagerID != "" {
		mgr, _ := ext["manager"].(map[string]any)
		if mgr == nil {
			mgr = map[string]any{}
		}
		mgr["value"] = a.ManagerID
		mgr["$ref"] = s.baseURL + "/Users/" + a.ManagerID
		ext["manager"] = mgr
	}
	if len(groups) > 0 {
		list := make([]any, 0, len(groups))
		for _, g := range groups {
			list = append(list, map[string]any{"value": g.ID, "display": g.DisplayName,
				"$ref": s.baseURL + "/Groups/" + g.ID, "type": "direct"})
		}
		m["groups"] = list
	}
	schemas := []string{UserURN}
	if len(ext) > 0 {
		m[EnterpriseURN] = ext
		schemas = append(schemas, EnterpriseURN)
	} else {
		delete(m, EnterpriseURN)
	}
	for _, name := range neverReturned {
		delete(m, name)
	}
	m["schemas"] = schemas
	m["meta"] = map[string]any{
		"resourceType": "User",
		"created":      a.CreatedAt.UTC().Format(time.RFC3339Nano),
		"lastModified": a.UpdatedAt.UTC().Format(time.RFC3339Nano),
		"location":     s.baseURL + "/Users/" + a.ID,
		"version":      etag(a.Version),
	}
	return m
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// neverReturned are the User attributes the model never returns
// (password): never stored either, they are left out of every document.
var neverReturned = func() []string {
	var out []string
	for _, a := range userSchema.Attributes {
		if a.Returned() == "never" {
			out = append(out, a.Name())
		}
	}
	return out
}()
