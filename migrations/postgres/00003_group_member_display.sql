-- +goose Up
-- The label a client sent with a membership (SCIM members[].display, or
-- Entra's displayName): returned as given, like Microsoft's reference server.
ALTER TABLE group_members ADD COLUMN display TEXT NOT NULL DEFAULT '';

-- A Group's externalId is the client's own identifier: RFC 7643 does not
-- make it unique, and Microsoft's SCIM collection creates several groups
-- with the same one. Keep it indexed for "externalId eq" within an integration.
DROP INDEX groups_external_id_key;
CREATE INDEX groups_external_id_idx ON groups (integration_id, external_id) WHERE external_id IS NOT NULL;

-- +goose Down
DROP INDEX groups_external_id_idx;
CREATE UNIQUE INDEX groups_external_id_key ON groups (integration_id, external_id) WHERE external_id IS NOT NULL;
ALTER TABLE group_members DROP COLUMN display;
