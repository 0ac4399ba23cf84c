package scim

import (
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// required names the permission a request needs (permission/), or "" when it
// needs none: discovery (ServiceProviderConfig, ResourceTypes, Schemas)
// stays readable, and unknown endpoints answer their own 404 or 405.
// POST .search is a read. Setting active=false through PUT or PATCH also
// needs accounts:deactivate, checked once the change is known
// (checkDeactivate).
func required(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.Path, Prefix+"/")
	if !ok {
		return ""
	}
	seg, tail, _ := strings.Cut(rest, "/")
	read := r.Method == http.MethodGet || r.Method == http.MethodHead ||
		(r.Method == http.MethodPost && tail == ".search")
	switch {
	case seg == "Users" && read:
		return permission.AccountsRead
	case seg == "Users" && r.Method == http.MethodDelete:
		return permission.AccountsDeactivate
	case seg == "Users":
		return permission.AccountsWrite
	case seg == "Groups" && read:
		return permission.GroupsRead
	case seg == "Groups":
		return permission.GroupsWrite
	}
	return ""
}

// permit answers 403 in RFC 7644 form when the integration lacks the
// permission r needs, and reports whether r may go on.
func (s *Server) permit(w http.ResponseWriter, r *http.Request, in *store.Integration) bool {
	need := required(r)
	if need == "" || permission.FromStored(in.Permissions).Has(need) {
		return true
	}
	s.log.InfoContext(r.Context(), "scim request refused: missing permission",
		"integration", in.ID, "method", r.Method, "path", r.URL.Path, "permission", need)
	writeError(w, http.StatusForbidden, "", forbiddenDetail(need))
	return false
}

// forbiddenDetail is the 403 detail: it names the missing permission so the
// IdP's admin knows what to ask for.
func forbiddenDetail(need string) string {
	return "this integration lacks the " + need + " permission; an administrator can grant it " +
		"(provisiond integration set NAME --permissions ...)"
}

// errForbidden is a refused change, answered 403.
func errForbidden(need string) error {
	return &scimError{status: http.StatusForbidden, detail: forbiddenDetail(need)}
}

// checkDeactivate refuses a PUT or PATCH that turns an active account
// inactive when in lacks accounts:deactivate (write alone only creates and
// updates).
func checkDeactivate(in *store.Integration, wasActive bool, a *store.Account) error {
	if wasActive && !a.Active && !permission.FromStored(in.Permissions).Has(permission.AccountsDeactivate) {
		return errForbidden(permission.AccountsDeactivate)
	}
	return nil
}
