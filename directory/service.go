package directory

import (
	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
)

// Service runs the LDAP side of provisiond: the settings of LDAP
// integrations, their sync runs and the schedule. Every account and group
// it writes goes through Accounts.
type Service struct {
	Accounts *account.Service
	// Keys seal and open the bind passwords given through the admin API
	// (seal.go); nil: such passwords can be neither set nor used.
	Keys *secret.Keys
	// Allow is what the admin API may name in LDAP settings (allow.go).
	Allow AllowList
}

// New returns the directory Service writing through accounts.
func New(accounts *account.Service, keys *secret.Keys, allow AllowList) *Service {
	return &Service{Accounts: accounts, Keys: keys, Allow: allow}
}
