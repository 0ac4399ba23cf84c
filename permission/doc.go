// Package permission names what an integration may do to accounts and
// groups: accounts:read, accounts:write (create and update),
// accounts:deactivate (active=false, DELETE), groups:read, groups:write.
//
// An integration stores its set as space-separated names
// (integrations.permissions). scim/ refuses requests outside the set with a
// 403; account/ (the LDAP sync) skips what the set does not allow; web/ and
// cmd/provisiond parse and validate admin input with Parse.
//
// This package imports nothing of ours and holds no state.
package permission
