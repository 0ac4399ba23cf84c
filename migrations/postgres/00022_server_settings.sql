-- +goose Up
-- What the last `provisiond serve` to start recorded of its configuration,
-- so that one-shot CLI commands run from any shell build links from the
-- server's public base URL and queue mail for the server's workers
-- (store/server_settings.go). One row.
CREATE TABLE server_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    base_url TEXT NOT NULL,
    mail_enabled BOOLEAN NOT NULL,
    mail_from TEXT NOT NULL DEFAULT '',
    org_name TEXT NOT NULL DEFAULT '',
    recorded_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE server_settings;
