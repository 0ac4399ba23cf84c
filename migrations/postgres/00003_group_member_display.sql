-- +goose Up
-- The label a client sent with a membership (SCIM members[].display, or
-- Entra's displayName): returned as given, like Microsoft's reference server.
ALTER TABLE group_members ADD COLUMN display TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE group_members DROP COLUMN display;
