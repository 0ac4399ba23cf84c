// Package notify owns the mail provisiond sends to its admins (not to the
// people whose accounts it provisions, which invite/ and signin/ mail).
// Today that is one notice: an integration's breaker tripped (account/
// breaker.go), sent to every enabled owner with an address.
//
// Flow:
//
//	account.Service holds a deprovision and opens the breaker
//	  -> Breaker.BreakerTripped, in that transaction: one River job
//	     (BreakerArgs) per owner, committed or rolled back with the trip
//	River worker -> BreakerWorker.Work: re-reads the owner and the
//	     integration, counts what is still held, renders breaker_tripped in
//	     the owner's language (store.Admin.Language, else the instance
//	     default) with the console link built from the configured base URL,
//	     and sends it; a temporary SMTP failure is retried by River
//
// The jobs live in the database, so a notice survives a restart, and a
// CLI run (ldap-sync from cron) that trips a breaker has it sent by serve.
//
// This package must not decide on held changes (account/ does), build links
// from a request's Host header, or log message bodies or links.
package notify
