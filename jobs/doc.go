// Package jobs wires River, provisiond's durable job queue, to the store: one
// river.Client[*sql.Tx] over the store's *sql.DB whatever the database, so
// callers insert jobs with InsertTx(ctx, tx.SQLTx(), ...) in the very
// transaction that records why the job exists.
//
// Drivers: riversqlite on SQLite (one connection, as the store opens it);
// riverdatabasesql on PostgreSQL for inserts AND workers. The database/sql
// driver cannot LISTEN, so workers poll (FetchPollInterval, 1 s): that costs
// at most a second of latency on jobs that are minutes away anyway (invite
// delay, SMTP backoff) and spares a second pool (pgx) with its own settings.
// Leader election, periodic jobs and stuck-job rescue work by polling too.
//
// Timeouts: a job held by a replica that died is rescued after
// RescueStuckJobsAfter (2 minutes, ARCHITECTURE.md §4b); jobs time out
// before that (JobTimeout, 90 s), so a slow job is never run twice at once.
//
// jobs owns no job kinds: workers live with the code they run (invite's
// delivery and maintenance workers) and are registered by cmd/provisiond.
package jobs
