package scim

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// readUserDoc decodes and normalises a User document from the body.
func readUserDoc(r *http.Request) (map[string]any, error) {
	var raw map[string]any
	if err := decodeJSON(r, &raw); err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, badRequest(typeInvalidSyntax, "request body must be a JSON object")
	}
	doc, err := normalizeUser(raw)
	if err != nil {
		return nil, err
	}
	return doc, checkValues(doc)
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	doc, err := readUserDoc(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := &store.Account{Origin: "scim"}
	if err := applyUser(a, doc); err != nil {
		s.fail(w, r, err)
		return
	}
	created, err := s.createAccount(ctx, a)
	if errors.Is(err, store.ErrConflict) {
		if again, ok, rerr := s.recreateHeld(ctx, doc, a.UserName); ok {
			created, err = again, rerr
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.DebugContext(ctx, "scim user created", "account_id", created.ID, "integration", integrationFrom(ctx).Name)
	s.writeUser(w, r, http.StatusCreated, created)
}

// replaceUser is PUT: the document replaces every SCIM attribute but
// active, which keeps its value when the document leaves it out: a PUT
// never reactivates an account its IdP deactivated unless it says
// active=true (RFC 7644 §3.5.2's rule for an unassigned active, applied to
// PUT too).
func (s *Server) replaceUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	expect, ok := s.ifMatch(w, r)
	if !ok {
		return
	}
	doc, err := readUserDoc(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := integrationFrom(ctx)
	a, err := s.accounts.Update(ctx, actorFrom(ctx), r.PathValue("id"), expect, func(a *store.Account) error {
		if !owned(a, in) {
			return store.ErrNotFound
		}
		wasActive := a.Active
		if err := applyUser(a, keepActive(doc, a.Active)); err != nil {
			return err
		}
		return checkDeactivate(in, wasActive, a)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, a)
}

// keepActive returns doc with active set to current when doc leaves it out.
func keepActive(doc map[string]any, current bool) map[string]any {
	if _, ok := doc["active"]; ok {
		return doc
	}
	out := make(map[string]any, len(doc)+1)
	for k, v := range doc {
		out[k] = v
	}
	out["active"] = current
	return out
}
