package web

import (
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// applyAccess copies deliveryMethod and permissions onto in (issue 13),
// checking each and recording before and after in changes, the audit
// event's details.
func (p integrationInput) applyAccess(in *store.Integration, changes map[string]any) error {
	if p.DeliveryMethod != nil {
		m := *p.DeliveryMethod
		if m != invite.MethodLink && m != invite.MethodCode {
			return errInput{"deliveryMethod", `must be "link" or "code"`}
		}
		if m != in.DeliveryMethod {
			changes["deliveryMethod"] = map[string]any{"before": in.DeliveryMethod, "after": m}
		}
		in.DeliveryMethod = m
	}
	if p.Permissions != nil {
		set, err := permission.FromList(*p.Permissions)
		if err != nil {
			return errInput{"permissions", err.Error()}
		}
		before := permission.FromStored(in.Permissions)
		if before.String() != set.String() {
			changes["permissions"] = map[string]any{"before": []string(before), "after": []string(set)}
		}
		in.Permissions = set.String()
	}
	return nil
}
