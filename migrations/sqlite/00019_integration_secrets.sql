-- +goose Up
-- OAuth 2.0 client secrets of SCIM integrations (client credentials grant
-- at /oidc/oauth/token, docs/scim-oauth.md): SHA-256 only, a display
-- prefix, at most two valid at once. A secret is valid while retired_at
-- is NULL and expires_at (set when a newer secret replaces it) is NULL or
-- in the future.
CREATE TABLE integration_secrets (
    id TEXT PRIMARY KEY,
    integration_id TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL,
    prefix TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME,
    retired_at DATETIME,
    last_used_at DATETIME
);
CREATE UNIQUE INDEX integration_secrets_hash_key ON integration_secrets (secret_hash);
CREATE INDEX integration_secrets_integration_idx ON integration_secrets (integration_id);

-- +goose Down
DROP TABLE integration_secrets;
