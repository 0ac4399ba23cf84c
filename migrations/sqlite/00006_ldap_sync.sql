-- +goose Up
-- LDAP sync. Accounts remember the DN they were last synced from
-- (group members and managers are DNs) and their manager's DN, linked to an
-- account once that account exists; groups remember the source's hash so an
-- unchanged group costs nothing.
ALTER TABLE accounts ADD COLUMN source_dn TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN manager_dn TEXT NOT NULL DEFAULT '';
CREATE INDEX accounts_source_dn_idx ON accounts (integration_id, lower(source_dn)) WHERE source_dn <> '';
ALTER TABLE groups ADD COLUMN source_hash TEXT NOT NULL DEFAULT '';

-- One row per scheduled or running LDAP integration: the next tick, and the
-- lease that makes one replica (or one CLI) run it at a time.
CREATE TABLE ldap_sync_schedule (
    integration_id TEXT PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
    next_run_at DATETIME,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_until DATETIME,
    last_full_at DATETIME
);
CREATE INDEX sync_runs_status_idx ON sync_runs (status, started_at);

-- +goose Down
DROP INDEX sync_runs_status_idx;
DROP TABLE ldap_sync_schedule;
ALTER TABLE groups DROP COLUMN source_hash;
DROP INDEX accounts_source_dn_idx;
ALTER TABLE accounts DROP COLUMN manager_dn;
ALTER TABLE accounts DROP COLUMN source_dn;
