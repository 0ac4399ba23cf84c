package scim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// groupInput is a Group body of POST or PUT. Keys match case-insensitively;
// read-only attributes (id, meta, schemas) are ignored.
type groupInput struct {
	displayName string
	externalID  *string
	members     []store.GroupMember
	hasMembers  bool
}

func decodeGroupInput(r *http.Request) (*groupInput, error) {
	var body map[string]json.RawMessage
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	in := &groupInput{}
	for k, raw := range body {
		var err error
		switch groupKey(k) {
		case "displayname":
			err = json.Unmarshal(raw, &in.displayName)
		case "externalid":
			in.externalID, err = groupOptionalString(raw)
		case "members":
			in.hasMembers = true
			in.members, err = parseGroupMembers(raw)
		}
		if err != nil {
			return nil, badRequest(typeInvalidValue, k+" has the wrong type")
		}
	}
	return in, nil
}

// groupKey lower-cases an attribute name and drops the Group URN prefix.
func groupKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	return strings.TrimPrefix(k, strings.ToLower(GroupURN)+":")
}

// groupOptionalString reads a string or null ("" counts as null).
func groupOptionalString(raw json.RawMessage) (*string, error) {
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	if s != nil && *s == "" {
		s = nil
	}
	return s, nil
}

// parseGroupMembers reads a members value in every shape clients send: a list
// of {"value","display"} objects (Entra's "displayName" for display), one
// such object, a bare id string (Microsoft's collection), or a list of ids.
func parseGroupMembers(raw json.RawMessage) ([]store.GroupMember, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	if raw[0] != '[' {
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	out := make([]store.GroupMember, 0, len(items))
	for _, it := range items {
		var id string
		if json.Unmarshal(it, &id) == nil {
			if !strings.ContainsRune(id, 0) {
				out = append(out, store.GroupMember{AccountID: strings.TrimSpace(id)})
			}
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(it, &obj); err != nil {
			return nil, err
		}
		var m store.GroupMember
		for k, v := range obj {
			switch strings.ToLower(k) {
			case "value":
				if err := json.Unmarshal(v, &m.AccountID); err != nil {
					return nil, err
				}
			case "display": // a label only: a wrong type is dropped
				json.Unmarshal(v, &m.Display)
			case "displayname": // Entra's name for display
				if m.Display == "" {
					json.Unmarshal(v, &m.Display)
				}
			}
		}
		m.AccountID = strings.TrimSpace(m.AccountID)
		if strings.ContainsRune(m.AccountID, 0) { // no id of ours: skipped, as unknown ids are
			continue
		}
		if strings.ContainsRune(m.Display, 0) { // a label: PostgreSQL text cannot hold NUL
			m.Display = ""
		}
		out = append(out, m)
	}
	return out, nil
}
