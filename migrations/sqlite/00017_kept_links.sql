-- +goose Up
-- The claim token of a sent link invitation, and the token of a multi-use
-- link, sealed with the secret key (AES-256-GCM, bound to the row's id),
-- so that an admin can be shown the link its holder already has instead of
-- a new one that kills it. The HMAC columns stay the lookup; NULL here
-- (rows written before this version, code invitations) means the link can
-- only be regenerated.
ALTER TABLE invitations ADD COLUMN token_sealed BLOB;
ALTER TABLE invitation_links ADD COLUMN token_sealed BLOB;

-- +goose Down
ALTER TABLE invitation_links DROP COLUMN token_sealed;
ALTER TABLE invitations DROP COLUMN token_sealed;
