package scim

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// groupPatchBody is a PatchOp message; encoding/json matches "Operations"
// and the op fields case-insensitively, as Entra needs.
type groupPatchBody struct {
	Operations []groupPatchOp
}

type groupPatchOp struct {
	Op    string
	Path  string
	Value json.RawMessage
}

// patchGroup answers PATCH /Groups/{id} with 204 and the new ETag. All
// operations apply in one transaction, recorded as one audit event.
func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) {
	scope, expect, ok := s.groupWriteScope(w, r)
	if !ok {
		return
	}
	var body groupPatchBody
	if err := decodeJSON(r, &body); err != nil {
		s.failGroup(w, r, err)
		return
	}
	edit, err := groupEditOf(body.Operations)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	g, err := s.accounts.EditGroup(r.Context(), actorFrom(r.Context()), scope, r.PathValue("id"), expect, edit)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(g.Version))
	w.WriteHeader(http.StatusNoContent)
}

// groupEditOf turns PATCH operations into one account.GroupEdit: attribute
// changes are collected into one closure, member operations keep their order.
func groupEditOf(ops []groupPatchOp) (account.GroupEdit, error) {
	var edit account.GroupEdit
	if len(ops) == 0 {
		return edit, badRequest(typeInvalidValue, "Operations is required")
	}
	if len(ops) > maxPatchOps {
		return edit, errTooManyOps()
	}
	var attrs []func(*store.Group)
	for _, op := range ops {
		kind := strings.ToLower(strings.TrimSpace(op.Op))
		if kind != "add" && kind != "replace" && kind != "remove" {
			return edit, badRequest(typeInvalidSyntax, "op must be add, replace or remove")
		}
		var err error
		if strings.TrimSpace(op.Path) == "" {
			attrs, edit.Members, err = groupNoPathOp(kind, op.Value, attrs, edit.Members)
		} else {
			attrs, edit.Members, err = groupPathOp(kind, op.Path, op.Value, attrs, edit.Members)
		}
		if err != nil {
			return edit, err
		}
	}
	if len(attrs) > 0 {
		edit.Attrs = func(g *store.Group) error {
			for _, f := range attrs {
				f(g)
			}
			return nil
		}
	}
	return edit, nil
}

// groupNoPathOp handles an add or replace whose value is an object of attributes
// (Okta's rename carries the read-only id, ignored here with meta and schemas).
func groupNoPathOp(kind string, value json.RawMessage, attrs []func(*store.Group), members []account.MemberOp) ([]func(*store.Group), []account.MemberOp, error) {
	if kind == "remove" {
		return nil, nil, badRequest(typeNoTarget, "remove needs a path")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(value, &obj); err != nil {
		return nil, nil, badRequest(typeInvalidValue, "an operation without path needs an object value")
	}
	for k, raw := range obj {
		var err error
		switch key := groupKey(k); key {
		case "id", "meta", "schemas":
		case "displayname", "externalid":
			attrs, err = groupAttrOp(kind, key, raw, attrs)
		case "members":
			members, err = groupMembersOp(kind, raw, members)
		default:
			return nil, nil, badRequest(typeInvalidPath, "unknown attribute "+k)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return attrs, members, nil
}
