package main

import (
	"flag"
	"fmt"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// accessFlags are the integration set flags of issue 13: the default
// delivery method of invitations and the integration's permissions.
type accessFlags struct {
	method, perms string
	permsSet      bool
	parsed        permission.Set
}

// register adds --delivery-method and --permissions to fs.
func (f *accessFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.method, "delivery-method", "", "link or code: how invitations of this integration are delivered")
	fs.Func("permissions", "comma-separated: "+fmt.Sprint(permission.All), func(s string) error {
		f.perms, f.permsSet = s, true
		return nil
	})
}

// given reports whether either flag was given.
func (f *accessFlags) given() bool { return f.method != "" || f.permsSet }

// validate checks both flags before the database is opened.
func (f *accessFlags) validate() error {
	if f.method != "" && f.method != invite.MethodLink && f.method != invite.MethodCode {
		return usagef("--delivery-method must be link or code, not %q", f.method)
	}
	if f.permsSet {
		p, err := permission.Parse(f.perms)
		if err != nil {
			return usagef("--permissions: %v", err)
		}
		f.parsed = p
	}
	return nil
}

// apply sets the flags' values on i, recording before and after in changes
// (the audit event's details).
func (f *accessFlags) apply(i *store.Integration, changes map[string]any) {
	if f.method != "" && f.method != i.DeliveryMethod {
		changes["deliveryMethod"] = map[string]any{"before": i.DeliveryMethod, "after": f.method}
		i.DeliveryMethod = f.method
	}
	if f.permsSet {
		before := permission.FromStored(i.Permissions)
		if before.String() != f.parsed.String() {
			changes["permissions"] = map[string]any{"before": []string(before), "after": []string(f.parsed)}
		}
		i.Permissions = f.parsed.String()
	}
}
