-- +goose Up
-- SCIM cursor paging (RFC 9865) walks an integration's groups in
-- (created_at, id) order from a keyset position (store/keyset.go): this
-- index makes every page cost the same, the last as the first. Accounts
-- already have accounts_integration_idx on the same columns.
CREATE INDEX groups_integration_created_idx ON groups (integration_id, created_at, id);

-- +goose Down
DROP INDEX groups_integration_created_idx;
