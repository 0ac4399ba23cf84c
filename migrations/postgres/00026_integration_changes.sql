-- +goose Up
-- A counter of changes to integrations, bumped in the transaction of each
-- change (store/token_cache_sqlite.go). On SQLite the SCIM token cache
-- trusts an entry only while the counter is unchanged: one small read per
-- request instead of the integration's row, and a change made by another
-- process (the CLI) is seen at its commit. PostgreSQL announces changes
-- with NOTIFY instead and keeps the table only so that both databases have
-- the same versions.
CREATE TABLE integration_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO integration_changes (id, n) VALUES (1, 0);

-- +goose Down
DROP TABLE integration_changes;
