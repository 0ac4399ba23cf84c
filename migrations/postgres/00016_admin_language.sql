-- +goose Up
-- The language of the mail an admin receives (notify/: the breaker notice),
-- a BCP 47 tag; '' means the instance default (mail.Languages[0]).
ALTER TABLE admins ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE admins DROP COLUMN language;
