package main

import (
	"flag"
	"fmt"
	"strings"
	"unicode"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/permission"
)

// accessFlags are the integration set flags of delivery and permissions: the default
// delivery method of invitations and the integration's permissions.
type accessFlags struct {
	method, perms string
	permsSet      bool
}

// register adds --delivery-method and --permissions to fs.
func (f *accessFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.method, "delivery-method", "", "link or code: how invitations of this integration are delivered")
	fs.Func("permissions", "comma-separated: "+fmt.Sprint(permission.All), func(s string) error {
		f.perms, f.permsSet = s, true
		return nil
	})
}

// input sets the flags' values on p; integration.Service checks them and
// audits before and after.
func (f *accessFlags) input(p *integration.Input) {
	if f.method != "" {
		p.DeliveryMethod = &f.method
	}
	if f.permsSet {
		perms := strings.FieldsFunc(f.perms, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		if perms == nil {
			perms = []string{} // --permissions "": the empty set
		}
		p.Permissions = &perms
	}
}
