// Package directory runs the LDAP side of provisiond around ldapsync: the
// settings of LDAP integrations, their sync runs and the schedule. It
// imports account and ldapsync; neither imports it. ldapsync knows LDAP
// and no provisiond package, account knows accounts and no directory; this
// package joins them (so it is not inside ldapsync, which would then have
// to import account).
//
// What it owns, by file:
//
//	target.go, upsert*.go, groups.go, group_*.go  Target, the ldapsync.Target of one
//	    integration: every write goes through account.Service (Update, Delete,
//	    the group methods, and its bulk twins CreateBulk and CreateGroupsBulk
//	    inside the batch's transaction, account.Service.WithStore), so policy,
//	    audit, webhooks and the breaker apply as for SCIM
//	permissions.go  what the integration's permissions let a run write
//	run.go          Service.Sync: one run under the integration's lease, recorded
//	    as a sync_runs row (running -> succeeded | failed | stopped)
//	heartbeat.go    the run's progress and lease renewal, from its own goroutine
//	schedule.go     Scheduler: the scheduled runs inside serve, once per tick
//	    across replicas
//	settings.go, seal.go, allow.go  Service.SetSettings: who may name which file
//	    or variable (ByOperator, ByAdmin and the operator's AllowList), and the
//	    bind password given through the admin API, sealed to the integration
//	    and its credential scope (url, bind DN, TLS)
//
// Flow of one run (CLI ldap-sync, POST /api/v1/integrations/{id}/sync, the
// console's sync button, the Scheduler):
//
//	lease -> re-read the integration -> sync_runs row (Started) -> heartbeat
//	-> ldapsync.Run(Target) -> final status -> release the lease
//
// A run with Force is an admin's decision: it is not held by the breaker
// (account.Service.WithoutBreaker). A process that dies frees the lease within 2
// minutes; its run row is marked failed by the next run.
//
// This package must not speak SQL (store does), write accounts or groups
// other than through account.Service, log or store a bind password in
// clear, or send mail.
package directory
