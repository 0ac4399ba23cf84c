// Package account is the one path that creates, updates, deactivates and
// deletes accounts and groups, whoever asks: SCIM (scim/), the LDAP sync
// (directory/, around ldapsync/), admins (web/, cmd/). Each change runs in one transaction that
// also writes its audit event and applies the integration's provisioning
// policy (auto-invite, access code) through the Policy hook, which the invite
// package implements; so an account never exists without the invitation or
// code its source asked for, and never gets one twice.
//
// Account status transitions made here:
//
//	create, active          -> not_invited (Policy may move it to invited)
//	create, inactive        -> suspended
//	active=true  -> false   -> suspended
//	active=false -> true    -> back to what it was: active if claimed,
//	                           invited if an invitation is open, else not_invited
//	delete                  -> deleted (row kept for the audit trail)
//
// Suspension and deletion, from any source, also end the account's
// sign-in sessions (tokens, codes not yet exchanged) in the same
// transaction (endSessions), which first queues the back-channel logout
// tokens of the applications that asked for them (backchannel.Enqueue); a
// change the breaker holds ends nothing until an admin applies it.
//
// The LDAP sync writes through this package too, in batches: WithStore (the
// Service inside the batch's transaction), CreateBulk and CreateGroupsBulk
// (Create and CreateGroup with multi-row INSERTs), Normalize and
// YieldAddresses are the surface it needs; the run itself (target adapter,
// leases, sync runs, schedule, LDAP settings) is directory/'s. An account
// import (invite/) creates its rows by chunks through CreateManyIn:
// CreateMany inside the import's transaction, with the admin's choices
// (CreateOptions.Provision) in place of the policy hook.
//
// The breaker (breaker.go) holds mass deprovisioning; when it trips, OnTrip
// (notify.Breaker) queues the owners' notice as a job in the same
// transaction.
//
// Two rules about addresses hold on every write (docs/signup.md):
//
//   - an unconfirmed sign-up through a multi-use link gives way: a create,
//     a group-commit batch (CreateMany), an LDAP upsert or an update that
//     writes an account with its userName or address drops it (deleted,
//     audited account.signup_dropped) in the same transaction (signups.go);
//   - a primary email change voids the account's password resets in flight,
//     is audited (account.email_changed) and runs Policy.EmailChanged, which
//     cancels what was sent to the old address (email_change.go).
//
// account must not speak SQL (store does) nor HTTP (scim, web do), know
// about directories (directory/, ldapsync/ do) or send mail (invite/,
// notify/ queue it as jobs).
package account
