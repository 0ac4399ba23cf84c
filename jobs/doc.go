// Package jobs wires River, provisiond's durable job queue, to the store.
// Jobs are always inserted through a river.Client[*sql.Tx] over the store's
// *sql.DB (Client, New), so callers insert with InsertTx(ctx, tx.SQLTx(),
// ...) in the very transaction that records why the job exists.
//
// Drivers:
//   - SQLite: riversqlite on the store's single connection, one client that
//     inserts and works (NewRunner returns it as both).
//   - PostgreSQL: inserts on riverdatabasesql (gorm's *sql.Tx), which
//     NOTIFYs in the inserting transaction; workers on riverpgxv5 over a
//     small pgxpool of their own on the same database URL, which LISTENs, so
//     any replica's insert wakes a worker at once. River elects one leader
//     among the replicas: it alone enqueues periodic jobs (maintenance, once
//     per tick, also deduplicated by UniqueOpts.ByPeriod) and rescues the
//     jobs of a replica that died.
//
// CompleteTx completes a job inside the transaction that records its
// outcome, on either driver, with one small UPDATE (on PostgreSQL the
// worker's client is the pgx one, whose completion cannot run on gorm's tx).
//
// Queues: the default queue (50 workers a replica: deliveries, webhooks,
// maintenance), QueueBulk (BulkWorkers a replica: jobs that write in bulk,
// the fan-outs of invite-all's mails and of a bulk change's webhook
// deliveries) and QueueEvents (EventWorkers a replica: a bulk change's
// webhook deliveries). Invite-all's fan-out waits for room in the default
// queue first (WaitForRoom, room.go).
//
// Timeouts: a job held by a replica that died is rescued after
// RescueStuckJobsAfter (2 minutes; Config.RescueAfter
// shortens it, serve reads PROVISIOND_JOBS_RESCUE_AFTER for tests); jobs
// time out before that (JobTimeout, 90 s, or 3/4 of a shorter rescue), so
// a slow job is never run twice at once. River's rescuer looks every 30 s.
//
// Found is how a worker reads the row its job is about: one deleted
// meanwhile ends the job.
//
// jobs owns no job kinds: workers live with the code they run (invite's
// delivery and maintenance workers) and are registered by cmd/provisiond.
package jobs
