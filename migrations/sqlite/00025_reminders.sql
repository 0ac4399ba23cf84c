-- +goose Up
-- An optional reminder mail N days before an unclaimed invitation expires
-- (invite/reminder.go): 0, the default, sends none. reminded_at marks the
-- one reminder an invitation may get.
ALTER TABLE integrations ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitations ADD COLUMN reminded_at DATETIME;

-- +goose Down
ALTER TABLE invitations DROP COLUMN reminded_at;
ALTER TABLE integrations DROP COLUMN reminder_days;
