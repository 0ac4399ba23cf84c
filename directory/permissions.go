package directory

import (
	"fmt"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/permission"
)

// ldapDenied counts what a sync run left undone because the integration's
// permissions (permission/) do not allow it: the same set that limits a SCIM
// client limits what a directory sync may do.
type ldapDenied struct {
	writes      int // entries neither created nor updated: no accounts:write
	suspensions int // accounts kept active: no accounts:deactivate
	removals    int // accounts kept though gone from the directory: no accounts:deactivate
	groups      int // groups neither written nor removed: no groups:write
}

// can reports whether the target's integration holds p.
func (t *Target) can(p string) bool {
	return permission.FromStored(t.in.Permissions).Has(p)
}

// report adjusts sum to what was really done and names what was skipped,
// so the run's summary line says why.
func (d ldapDenied) report(sum *ldapsync.Summary) {
	sum.Suspended = max(0, sum.Suspended-d.suspensions)
	if d.groups > 0 {
		sum.GroupsChanged = 0
	}
	add := func(n int, what, perm string) {
		if n > 0 {
			sum.NotPermitted = append(sum.NotPermitted, fmt.Sprintf("%d %s skipped (no %s)", n, what, perm))
		}
	}
	add(d.writes, "account writes", permission.AccountsWrite)
	add(d.suspensions, "suspensions", permission.AccountsDeactivate)
	add(d.removals, "removals", permission.AccountsDeactivate)
	add(d.groups, "group changes", permission.GroupsWrite)
}
