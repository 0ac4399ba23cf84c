-- +goose Up
-- The SMTP server's own reply to the last failed delivery of an invitation
-- ("550 5.1.1 no such user"), at most 300 characters, shown to admins
-- beside delivery_error (a category). '' when there was none.
ALTER TABLE invitations ADD COLUMN delivery_reply TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE invitations DROP COLUMN delivery_reply;
