package web

import (
	"net/http"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// permissionBox is one checkbox of the integration page's permissions.
type permissionBox struct {
	Name    string
	Checked bool
}

// permissionBoxes lists every permission, checked when in holds it.
func permissionBoxes(in *store.Integration) []permissionBox {
	held := permission.FromStored(in.Permissions)
	out := make([]permissionBox, 0, len(permission.All))
	for _, p := range permission.All {
		out = append(out, permissionBox{Name: p, Checked: held.Has(p)})
	}
	return out
}

// accessForm reads the delivery method and permission checkboxes of the
// settings form into p. The hidden permissionsForm field tells "every box
// unchecked" (the empty set) from a form without the boxes.
func accessForm(r *http.Request, p *integrationInput) {
	if m := r.PostFormValue("deliveryMethod"); m != "" {
		p.DeliveryMethod = &m
	}
	if r.PostFormValue("permissionsForm") == "1" {
		perms := r.PostForm["permissions"]
		if perms == nil {
			perms = []string{}
		}
		p.Permissions = &perms
	}
}
