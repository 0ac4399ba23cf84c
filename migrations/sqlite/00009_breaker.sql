-- +goose Up
-- Circuit breaker on mass deprovisioning . Each integration has a
-- threshold; deprovisions counts the deactivations and deletions it applied
-- (the sliding window), held_changes keeps those past the threshold until an
-- admin applies or discards them.
ALTER TABLE integrations ADD COLUMN breaker_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE integrations ADD COLUMN breaker_percent INTEGER NOT NULL DEFAULT 10;
ALTER TABLE integrations ADD COLUMN breaker_min INTEGER NOT NULL DEFAULT 25;
ALTER TABLE integrations ADD COLUMN breaker_window_seconds INTEGER NOT NULL DEFAULT 3600;
ALTER TABLE integrations ADD COLUMN breaker_trips INTEGER NOT NULL DEFAULT 0;

CREATE TABLE deprovisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    integration_id TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    at DATETIME NOT NULL
);
CREATE INDEX deprovisions_window_idx ON deprovisions (integration_id, at);

CREATE TABLE held_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    integration_id TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('deactivate', 'delete')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'discarded', 'canceled')),
    actor TEXT NOT NULL DEFAULT '',
    repeats INTEGER NOT NULL DEFAULT 0,
    resolved_by TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    resolved_at DATETIME
);
CREATE UNIQUE INDEX held_changes_pending_key ON held_changes (account_id) WHERE status = 'pending';
CREATE INDEX held_changes_integration_idx ON held_changes (integration_id, status, id);

-- +goose Down
DROP TABLE held_changes;
DROP TABLE deprovisions;
ALTER TABLE integrations DROP COLUMN breaker_trips;
ALTER TABLE integrations DROP COLUMN breaker_window_seconds;
ALTER TABLE integrations DROP COLUMN breaker_min;
ALTER TABLE integrations DROP COLUMN breaker_percent;
ALTER TABLE integrations DROP COLUMN breaker_enabled;
