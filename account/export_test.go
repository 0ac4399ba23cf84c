package account

import "github.com/provisiond/provisiond/store"

// SetTxUsers sets how many directory users share one SQLite transaction
// until the test ends.
func SetTxUsers(t interface{ Cleanup(func()) }, n int) {
	old := txUsers
	txUsers = n
	t.Cleanup(func() { txUsers = old })
}

// Bound is the Service working inside tx, as the LDAP target uses it.
func (s *Service) Bound(tx *store.Store) *Service { return s.bound(tx) }
