-- +goose Up
-- Sign-in sessions end when trust ends (signin/doc.go): every token of one
-- grant (the code exchange and the refresh tokens rotated from it) shares a
-- family, so a replayed refresh token revokes the whole family; revoking an
-- account's sessions also deletes its signed-in authorization requests.
ALTER TABLE oidc_tokens ADD COLUMN family_id TEXT;
UPDATE oidc_tokens SET family_id = COALESCE(refresh_id, id);
CREATE INDEX oidc_tokens_family_idx ON oidc_tokens (family_id);
CREATE INDEX oidc_auth_requests_account_idx ON oidc_auth_requests (account_id) WHERE account_id IS NOT NULL;

-- The groups claim qualifies a group name that several groups share
-- (signin/claims.go): that lookup is by name across integrations.
CREATE INDEX groups_display_name_idx ON groups (lower(display_name));

-- The delivery log keeps how long each attempt took.
ALTER TABLE webhook_deliveries ADD COLUMN last_duration_ms INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE webhook_deliveries DROP COLUMN last_duration_ms;
DROP INDEX groups_display_name_idx;
DROP INDEX oidc_auth_requests_account_idx;
DROP INDEX oidc_tokens_family_idx;
ALTER TABLE oidc_tokens DROP COLUMN family_id;
